package io.mailroute.topology.owner;

import java.util.List;
import java.util.Optional;

/** Finds owners by normalized address or by account id. */
public interface OwnerLookup {
    /** Owners of a normalized address, ordered by account id; empty when none. */
    List<Owner> byAddress(String normalizedAddress);

    /** The owner with account id {@code accountId}, if known. */
    Optional<Owner> byId(String accountId);
}
