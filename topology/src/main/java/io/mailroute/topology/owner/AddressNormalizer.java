package io.mailroute.topology.owner;

import java.util.Locale;

/**
 * The lookup form of an address: the local part exactly as written (RFC-violating forms such as
 * {@code taro.@docomo.ne.jp} included, case kept), the domain lower-cased. Mail and account
 * mappings are both normalized this way, so they meet in the owner index.
 */
public final class AddressNormalizer {
    private AddressNormalizer() {}

    public static String normalize(final String address) {
        final String trimmed = address.strip();
        final int at = trimmed.lastIndexOf('@');
        if (at < 0) {
            return trimmed;
        }
        return trimmed.substring(0, at + 1) + trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
