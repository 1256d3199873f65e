package io.mailroute.topology.owner;

import io.mailroute.avro.Address;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds owners by normalized address or by account id. */
public interface OwnerLookup {
    /** Owners of a normalized address, ordered by account id; empty when none. */
    List<Owner> byAddress(String normalizedAddress);

    /** The owner with account id {@code accountId}, if known. */
    Optional<Owner> byId(String accountId);

    /** The distinct owners of {@code recipients}, in recipient order. */
    default List<Owner> ownersOf(final List<Address> recipients) {
        final Map<String, Owner> found = new LinkedHashMap<>();
        for (final Address recipient : recipients) {
            for (final Owner owner : byAddress(recipient.getNormalized())) {
                found.putIfAbsent(owner.accountId(), owner);
            }
        }
        return List.copyOf(found.values());
    }
}
