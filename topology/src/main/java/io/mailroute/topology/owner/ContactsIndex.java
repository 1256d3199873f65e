package io.mailroute.topology.owner;

import io.mailroute.avro.OwnerContacts;
import java.util.Optional;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Who receives an owner's notices: a read view of the global store that {@link ContactsUpdater}
 * keeps equal to {@code mail.contacts}, keyed by owner id. An owner whose contacts list no
 * recipient has none.
 */
public final class ContactsIndex implements ContactsLookup {
    /** Name of the global store. */
    public static final String STORE = "contacts-store";

    private final ReadOnlyKeyValueStore<String, OwnerContacts> store;

    public ContactsIndex(final ReadOnlyKeyValueStore<String, OwnerContacts> store) {
        this.store = store;
    }

    @Override
    public Optional<OwnerContacts> contactsOf(final String ownerId) {
        if (ownerId == null) {
            return Optional.empty();
        }
        final OwnerContacts contacts = store.get(ownerId);
        return contacts == null || contacts.getRecipients().isEmpty() ? Optional.empty() : Optional.of(contacts);
    }
}
