package io.mailroute.topology.owner;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Who owns an address: a read view of the global store that {@link OwnerIndexUpdater} builds from
 * {@code mail.accounts}, keyed by normalized address ({@link AddressNormalizer}) and by account id.
 * One address may belong to several accounts.
 */
public final class OwnerIndex implements OwnerLookup {
    /** Name of the global store. */
    public static final String STORE = "owner-index-store";

    static final String ADDRESS_PREFIX = "addr:";
    static final String ACCOUNT_PREFIX = "id:";

    private final ReadOnlyKeyValueStore<String, Owners> store;

    public OwnerIndex(final ReadOnlyKeyValueStore<String, Owners> store) {
        this.store = store;
    }

    @Override
    public List<Owner> byAddress(final String normalizedAddress) {
        final Owners owners = store.get(ADDRESS_PREFIX + normalizedAddress);
        return owners == null ? List.of() : owners.owners();
    }

    @Override
    public Optional<Owner> byId(final String accountId) {
        final Owners owners = store.get(ACCOUNT_PREFIX + accountId);
        return owners == null || owners.isEmpty()
                ? Optional.empty()
                : Optional.of(owners.owners().get(0));
    }
}
