package io.mailroute.topology.owner;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.AccountStatus;
import io.mailroute.topology.support.Generation;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the owner index in step with {@code mail.accounts} (keyed by account id): each mapping is
 * indexed under its account id and under its normalized address, next to any other accounts
 * sharing that address. A tombstone, or a SUSPENDED or PENDING_CLOSURE status, removes the
 * account; a changed address moves it. Runs in the global thread, also while the store is
 * restored (Streams replays the topic through it), and bumps the accounts {@link Generation}.
 */
public final class OwnerIndexUpdater implements Processor<String, AccountMapping, Void, Void> {
    private static final Logger log = LoggerFactory.getLogger(OwnerIndexUpdater.class);

    private final Generation generation;
    private KeyValueStore<String, Owners> store;

    public OwnerIndexUpdater(final Generation generation) {
        this.generation = generation;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        store = context.getStateStore(OwnerIndex.STORE);
    }

    @Override
    public void process(final Record<String, AccountMapping> record) {
        final String accountId = record.key();
        final AccountMapping mapping = record.value();
        final Owners previous = store.get(OwnerIndex.ACCOUNT_PREFIX + accountId);
        if (previous != null && !previous.isEmpty()) {
            remove(accountId, previous.owners().get(0).email());
        }
        if (mapping != null && indexed(mapping.getStatus())) {
            final Owner owner = new Owner(accountId, mapping.getEmail(), mapping.getName());
            store.put(OwnerIndex.ACCOUNT_PREFIX + accountId, Owners.of(owner));
            final String addressKey = OwnerIndex.ADDRESS_PREFIX + AddressNormalizer.normalize(owner.email());
            final Owners sharing = store.get(addressKey);
            store.put(addressKey, sharing == null ? Owners.of(owner) : sharing.with(owner));
            if (!accountId.equals(mapping.getAccountId())) {
                log.warn(
                        "Account mapping keyed {} names account {}; indexed under the key",
                        accountId,
                        mapping.getAccountId());
            }
        }
        generation.bump();
    }

    private void remove(final String accountId, final String email) {
        store.delete(OwnerIndex.ACCOUNT_PREFIX + accountId);
        final String addressKey = OwnerIndex.ADDRESS_PREFIX + AddressNormalizer.normalize(email);
        final Owners sharing = store.get(addressKey);
        if (sharing != null) {
            final Owners rest = sharing.without(accountId);
            if (rest.isEmpty()) {
                store.delete(addressKey);
            } else {
                store.put(addressKey, rest);
            }
        }
    }

    private static boolean indexed(final AccountStatus status) {
        return status != AccountStatus.SUSPENDED && status != AccountStatus.PENDING_CLOSURE;
    }
}
