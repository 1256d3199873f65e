package io.mailroute.topology.owner;

import io.mailroute.avro.OwnerContacts;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global contacts store equal to the compacted {@code mail.contacts} (keyed by owner id;
 * tombstone = the owner has no contacts any more). Runs in the global thread, also while the store
 * is restored. Nothing is derived from the contacts, so there is no change counter to bump.
 */
public final class ContactsUpdater implements Processor<String, OwnerContacts, Void, Void> {
    private KeyValueStore<String, OwnerContacts> store;

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        store = context.getStateStore(ContactsIndex.STORE);
    }

    @Override
    public void process(final Record<String, OwnerContacts> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
