package io.mailroute.cli.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.OwnerContacts;
import io.mailroute.runtime.client.TopicReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactsImportTest {

    private static OwnerContacts contacts(final String ownerId) {
        return new OwnerContacts(ownerId, List.of(ownerId + "@example.jp"), "ja", null);
    }

    private static TopicReader.Entry<OwnerContacts> entry(final String ownerId, final OwnerContacts value) {
        return new TopicReader.Entry<>(ownerId, value, 0, 0, 0, null);
    }

    @Test
    void publishesEveryRowAndPrunesOnlyLiveOwnersTheFileNoLongerLists() {
        // given
        final ContactsFile file = new ContactsFile(List.of(contacts("a"), contacts("b")), List.of());
        final List<TopicReader.Entry<OwnerContacts>> topic = List.of(
                entry("a", contacts("a")),
                entry("gone", contacts("gone")),
                entry("deleted", contacts("deleted")),
                entry("deleted", null));

        // when
        final ContactsImport plan = ContactsImport.plan(file, topic);

        // then
        assertThat(plan.upserts()).containsOnlyKeys("a", "b");
        assertThat(plan.pruned()).containsExactly("gone");
    }

    @Test
    void prunesNothingWhenTheFileHasRejectedRows() {
        // given
        final ContactsFile file =
                new ContactsFile(List.of(contacts("a")), List.of("contacts.csv:3: 'b@example' is no mail address"));
        final List<TopicReader.Entry<OwnerContacts>> topic =
                List.of(entry("a", contacts("a")), entry("b", contacts("b")));

        // when
        final ContactsImport plan = ContactsImport.plan(file, topic);

        // then
        assertThat(plan.upserts()).containsOnlyKeys("a");
        assertThat(plan.pruned()).isEmpty();
    }
}
