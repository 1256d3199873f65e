package io.mailroute.topology.owner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The owners sharing one index key, ordered by account id. */
public record Owners(List<Owner> owners) {
    public Owners {
        owners = List.copyOf(owners);
    }

    static Owners of(final Owner owner) {
        return new Owners(List.of(owner));
    }

    /** These owners with {@code owner} added, replacing an entry for the same account. */
    Owners with(final Owner owner) {
        final List<Owner> next = new ArrayList<>(without(owner.accountId()).owners());
        next.add(owner);
        next.sort(Comparator.comparing(Owner::accountId));
        return new Owners(next);
    }

    /** These owners without account {@code accountId}. */
    Owners without(final String accountId) {
        return new Owners(
                owners.stream().filter(o -> !o.accountId().equals(accountId)).toList());
    }

    boolean isEmpty() {
        return owners.isEmpty();
    }
}
