package io.mailroute.topology.parse;

import io.mailroute.avro.Address;
import java.util.List;

/**
 * The domain a mail claims to be from, as DMARC reads it: only a mail with exactly one From field
 * holding exactly one address has one. With two From fields or two addresses, a receiver may have
 * checked one while a reader (or a rule) sees the other, so such a mail has no From domain and
 * nothing can be aligned with it.
 */
final class FromDomain {
    private FromDomain() {}

    /** The normalized From domain of the header block, or null. */
    static String of(final HeaderBlock headers) {
        final List<String> fields = headers.all("From");
        if (fields.size() != 1) {
            return null;
        }
        final List<Address> addresses = AddressParser.parse(fields.get(0), "from");
        return addresses.size() == 1 ? DomainName.ofAddress(addresses.get(0).getAddress()) : null;
    }
}
