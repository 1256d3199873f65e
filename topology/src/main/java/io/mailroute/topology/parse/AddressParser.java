package io.mailroute.topology.parse;

import io.mailroute.avro.Address;
import io.mailroute.topology.owner.AddressNormalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an address-list header into addresses without repairing them: the addr-spec is kept
 * exactly as written ({@code taro.@docomo.ne.jp}, {@code a..b@ezweb.ne.jp}), display names are
 * decoded, groups and comments are understood. Never throws; text that is no address is skipped.
 */
public final class AddressParser {
    private AddressParser() {}

    /** The addresses in {@code value}, an unfolded header value, tagged with {@code field}. */
    public static List<Address> parse(final String value, final String field) {
        final List<Address> addresses = new ArrayList<>(2);
        if (value == null || value.isBlank()) {
            return addresses;
        }
        int depthComment = 0;
        boolean quoted = false;
        boolean angle = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (depthComment > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depthComment++;
                } else if (c == ')') {
                    depthComment--;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                depthComment++;
            } else if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            } else if (!angle && (c == ',' || c == ';')) {
                add(addresses, value.substring(start, i), field);
                start = i + 1;
            } else if (!angle && c == ':' && isGroupName(value, start, i)) {
                start = i + 1;
            }
        }
        add(addresses, value.substring(start), field);
        return addresses;
    }

    /** A colon outside angle brackets starts a group when the text before it holds no '@'. */
    private static boolean isGroupName(final String value, final int start, final int colon) {
        return value.substring(start, colon).indexOf('@') < 0;
    }

    private static void add(final List<Address> addresses, final String chunk, final String field) {
        final String raw = chunk.strip();
        if (raw.isEmpty()) {
            return;
        }
        final int open = lastTopLevel(raw, '<');
        final String address;
        String displayName;
        if (open >= 0) {
            final int close = raw.indexOf('>', open);
            address = (close < 0 ? raw.substring(open + 1) : raw.substring(open + 1, close)).strip();
            displayName = unquote(stripComments(raw.substring(0, open))).strip();
        } else {
            address = stripComments(raw).strip();
            displayName = commentText(raw);
        }
        if (address.isEmpty()) {
            return;
        }
        displayName = displayName == null || displayName.isBlank()
                ? null
                : EncodedWords.decode(displayName).strip();
        addresses.add(Address.newBuilder()
                .setRaw(raw)
                .setAddress(address)
                .setNormalized(AddressNormalizer.normalize(address))
                .setDisplayName(displayName)
                .setField(field)
                .build());
    }

    private static int lastTopLevel(final String text, final char wanted) {
        boolean quoted = false;
        int depth = 0;
        int found = -1;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == wanted && depth == 0) {
                found = i;
            }
        }
        return found;
    }

    /** The text without (comments), quoted strings kept. */
    private static String stripComments(final String text) {
        if (text.indexOf('(') < 0) {
            return text;
        }
        final StringBuilder out = new StringBuilder(text.length());
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (depth == 0 && c == '"') {
                quoted = !quoted;
            }
            if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The first comment of an old-style {@code addr (Name)} address. */
    private static String commentText(final String text) {
        final int open = text.indexOf('(');
        final int close = text.lastIndexOf(')');
        return open >= 0 && close > open ? text.substring(open + 1, close) : null;
    }

    private static String unquote(final String text) {
        final String t = text.strip();
        if (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') {
            return t.substring(1, t.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return t;
    }
}
