package io.mailroute.cli.accounts;

import io.mailroute.avro.AccountMapping;
import java.util.List;

/**
 * What an accounts file held.
 *
 * @param mappings the rows that could be read, in file order
 * @param problems one line per rejected row: {@code file:line: reason}
 */
public record AccountsFile(List<AccountMapping> mappings, List<String> problems) {
    public AccountsFile {
        mappings = List.copyOf(mappings);
        problems = List.copyOf(problems);
    }
}
