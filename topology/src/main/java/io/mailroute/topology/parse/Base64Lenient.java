package io.mailroute.topology.parse;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Base64 decoding that skips characters outside the alphabet and tolerates missing padding. */
final class Base64Lenient {
    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, -1);
        final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = i;
        }
    }

    private Base64Lenient() {}

    static void decodeInto(final CharSequence text, final ByteArrayOutputStream out) {
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '=') {
                break;
            }
            final int value = c < 128 ? VALUES[c] : -1;
            if (value < 0) {
                continue;
            }
            buffer = buffer << 6 | value;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.write(buffer >> bits & 0xFF);
            }
        }
    }
}
