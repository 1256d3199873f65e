package io.mailroute.topology.parse;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
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

    /**
     * Decodes clean base64 in {@code data[start, end)} into {@code digest} without materialising
     * it: the alphabet, line breaks and blanks, and padding only at the end. Returns the number of
     * decoded bytes, or -1 (the digest then holds garbage) for anything else: damaged base64 is
     * left to a decoder that reproduces Angus' lenient reading of it.
     */
    static long digestClean(final byte[] data, final int start, final int end, final MessageDigest digest) {
        final byte[] chunk = new byte[8192];
        int filled = 0;
        long size = 0;
        int buffer = 0;
        int bits = 0;
        boolean padded = false;
        for (int i = start; i < end; i++) {
            final int c = data[i] & 0xFF;
            if (c == '\r' || c == '\n' || c == ' ' || c == '\t') {
                continue;
            }
            if (c == '=') {
                padded = true;
                continue;
            }
            final int value = c < 128 ? VALUES[c] : -1;
            if (value < 0 || padded) {
                return -1;
            }
            buffer = buffer << 6 | value;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                chunk[filled++] = (byte) (buffer >> bits);
                if (filled == chunk.length) {
                    digest.update(chunk, 0, filled);
                    size += filled;
                    filled = 0;
                }
            }
        }
        if (bits == 6) {
            // a group cut after its first character: Angus pads it with zero bits into one byte
            chunk[filled++] = (byte) (buffer << 2);
        }
        digest.update(chunk, 0, filled);
        return size + filled;
    }
}
