package io.mailroute.cli.contacts;

import io.mailroute.avro.OwnerContacts;
import io.mailroute.runtime.client.TopicReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What publishing a contacts file to {@code mail.contacts} means: every row becomes its owner's
 * contacts, and with pruning the owners the topic still has contacts for but the file no longer
 * lists get a tombstone. A file with rejected rows prunes nothing: a row that could not be read
 * may be an owner whose contacts must not be removed for a typo.
 *
 * @param upserts contacts to publish, by owner id
 * @param pruned  owner ids to tombstone because the file no longer lists them
 */
public record ContactsImport(Map<String, OwnerContacts> upserts, Set<String> pruned) {

    /**
     * Plans the import of {@code file}.
     *
     * @param current the mail.contacts records in topic order, or an empty list when not pruning
     */
    public static ContactsImport plan(final ContactsFile file, final List<TopicReader.Entry<OwnerContacts>> current) {
        final Map<String, OwnerContacts> upserts = new LinkedHashMap<>();
        file.contacts().forEach(c -> upserts.put(c.getOwnerId(), c));
        final Set<String> pruned = new TreeSet<>();
        if (file.problems().isEmpty()) {
            pruned.addAll(TopicReader.latestValues(current).keySet());
            pruned.removeAll(upserts.keySet());
        }
        return new ContactsImport(upserts, pruned);
    }
}
