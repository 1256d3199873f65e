package io.mailroute.topology.bounce;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds enhanced status codes (RFC 3463) and SMTP reply codes (RFC 5321) in text. */
final class StatusCodes {
    private static final Pattern[] STATUS = {
        Pattern.compile("[ ]?\\(#([45]\\.\\d\\.\\d{1,3})\\)"),
        Pattern.compile("\\b\\d{3}[- ]#?([45]\\.\\d\\.\\d{1,3})\\b"),
        Pattern.compile("(?<![\\d.])([245]\\.\\d\\.\\d{1,3})(?![\\d.]*\\d)"),
    };
    private static final Pattern REPLY = Pattern.compile("(?<![\\d.])([245][0-5]\\d)(?=[ -]|$)(?![ -]?\\d{3})");

    private StatusCodes() {}

    /** The first status code in the text, or null. */
    static String status(final String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        for (final Pattern p : STATUS) {
            final Matcher m = p.matcher(text);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** The first SMTP reply code in the text, or null. */
    static String replyCode(final String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        final Matcher m = REPLY.matcher(text);
        while (m.find()) {
            final String code = m.group(1);
            if (code.charAt(0) != '2') {
                return code;
            }
        }
        return null;
    }
}
