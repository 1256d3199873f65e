package io.mailroute.topology.bouncereport;

import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;
import io.mailroute.topology.parse.HeaderBlock;
import io.mailroute.topology.parse.MailReport;

/**
 * The sender of the mail that bounced, as a report returns it: the From of the returned message,
 * else its envelope sender (its Return-Path, or the fields MTAs write the envelope sender in:
 * Postfix's X-Postfix-Sender, ARF's Original-Mail-From, X-Original-Sender).
 */
final class OriginalSender {
    private static final LinearPattern ADDRESS =
            LinearPattern.compile("[^\\s<>@\"(),;:]+@[A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9]");
    private static final LinearPattern ENVELOPE_FIELD = LinearPattern.compile(
            "(?im)^(?:X-Postfix-Sender|Original-Mail-From|X-Original-Sender|X-Original-From|X-Envelope-From):[ \\t]*(.+)$");

    private OriginalSender() {}

    /** The address, without angle brackets, or null when the report names none. */
    static String of(final MailReport mail) {
        final HeaderBlock original = mail.originalHeaders();
        final HeaderBlock headers = mail.headers();
        for (final String value : new String[] {
            original.firstOrEmpty("from"),
            original.firstOrEmpty("return-path"),
            original.firstOrEmpty("x-original-sender"),
            headers.firstOrEmpty("x-original-sender"),
            headers.firstOrEmpty("x-original-from")
        }) {
            final String address = address(value);
            if (address != null) {
                return address;
            }
        }
        final LinearMatcher field = ENVELOPE_FIELD.matcher(mail.text());
        while (field.find()) {
            final String address = address(DeliveryStatusFields.afterType(field.group(1)));
            if (address != null) {
                return address;
            }
        }
        return null;
    }

    private static String address(final String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        final LinearMatcher m = ADDRESS.matcher(value);
        return m.find() ? m.group() : null;
    }
}
