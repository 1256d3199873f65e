package io.mailroute.connectors.organizations;

import java.time.Instant;
import java.util.Objects;

/** One account as Organizations lists it, reduced to what a mapping needs. */
record OrgAccount(String id, String email, String name, String state, Instant joinedAt) {
    static final String ACTIVE = "ACTIVE";

    OrgAccount {
        Objects.requireNonNull(id, "id");
    }

    boolean active() {
        return ACTIVE.equals(state);
    }
}
