package io.mailroute.connectors.s3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/** Test mail the way SES stores it: a random 40-character key (the SMTP message id) and an RFC 5322 message. */
final class SesMail {
    private static final char[] KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int LINE = 78;

    private SesMail() {}

    /** A random SES-style object key under {@code prefix}. */
    static String randomKey(final Random random, final String prefix) {
        final char[] key = new char[40];
        for (int i = 0; i < key.length; i++) {
            key[i] = KEY_ALPHABET[random.nextInt(KEY_ALPHABET.length)];
        }
        return prefix + new String(key);
    }

    /** A small mail whose subject and body name its key, so that a record can be matched to its object. */
    static byte[] message(final String key) {
        return (headers(key) + "Body of " + key + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A mail of exactly {@code size} bytes (a long body of text lines), as a large SES mail with attachments is. */
    static byte[] message(final String key, final int size) {
        final byte[] head = headers(key).getBytes(StandardCharsets.UTF_8);
        final byte[] mail = new byte[size];
        System.arraycopy(head, 0, mail, 0, head.length);
        Arrays.fill(mail, head.length, size, (byte) 'x');
        for (int end = head.length + LINE; end + 1 < size; end += LINE + 2) {
            mail[end] = '\r';
            mail[end + 1] = '\n';
        }
        return mail;
    }

    static String sha256(final byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }

    private static String headers(final String key) {
        return "From: sender@example.com\r\nTo: root+123456789012@example.com\r\nSubject: test " + key
                + "\r\nMessage-ID: <" + Integer.toHexString(key.hashCode()) + "@example.com>\r\n\r\n";
    }
}
