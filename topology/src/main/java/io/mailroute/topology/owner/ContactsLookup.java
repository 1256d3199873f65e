package io.mailroute.topology.owner;

import io.mailroute.avro.OwnerContacts;
import java.util.Optional;

/** Finds who receives an owner's notices. */
@FunctionalInterface
public interface ContactsLookup {
    /** The contacts of the owner with account id {@code ownerId}, if it has any. */
    Optional<OwnerContacts> contactsOf(String ownerId);
}
