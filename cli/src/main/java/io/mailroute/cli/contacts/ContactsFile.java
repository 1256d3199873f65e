package io.mailroute.cli.contacts;

import io.mailroute.avro.OwnerContacts;
import java.util.List;

/**
 * What a contacts file held.
 *
 * @param contacts the rows that could be read, in file order, one per owner
 * @param problems one line per rejected row: {@code file:line: reason}
 */
public record ContactsFile(List<OwnerContacts> contacts, List<String> problems) {
    public ContactsFile {
        contacts = List.copyOf(contacts);
        problems = List.copyOf(problems);
    }
}
