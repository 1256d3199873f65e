package io.mailroute.topology.bouncereport;

import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Finds enhanced status codes (RFC 3463) and SMTP reply codes (RFC 5321) in text. */
final class StatusCodes {
    private static final LinearPattern[] STATUS = {
        LinearPattern.compile("[ ]?\\(#([45]\\.\\d\\.\\d{1,3})\\)"),
        LinearPattern.compile("\\b\\d{3}[- ]#?([45]\\.\\d\\.\\d{1,3})\\b"),
    };
    /** A code (group 1) after no digit and no dot; {@link #status} wants no digit in the digits and dots after it. */
    private static final LinearPattern BARE_STATUS = LinearPattern.compile("(?:^|[^\\d.])([245]\\.\\d\\.\\d{1,3})");

    private static final LinearPattern IPV4 = LinearPattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b");
    /** A reply code (group 1) after no digit and no dot; {@link #replyCode} checks what follows it. */
    private static final LinearPattern REPLY = LinearPattern.compile("(?:^|[^\\d.])([245][0-5]\\d)");

    private StatusCodes() {}

    /** The first status code in the text, or null. */
    static String status(final String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        for (final LinearPattern p : STATUS) {
            final LinearMatcher m = p.matcher(text);
            if (m.find()) {
                return m.group(1);
            }
        }
        final LinearMatcher bare = BARE_STATUS.matcher(text);
        while (bare.find()) {
            if (!digitAmongDigitsAndDots(text, bare.end(1))) {
                return bare.group(1);
            }
        }
        return null;
    }

    /**
     * The status code Sisimai reads from an error message: every well-formed code in order, the
     * codes X.0.0 and 4.4.7 only as a last resort, the candidates folded with {@link #prefer}.
     * IPv4 addresses are no codes. Null when none.
     */
    static String find(final String text) {
        if (text == null || text.length() < 7) {
            return null;
        }
        final String s = " " + IPV4.replaceAll(text, "***.***.***.***") + " ";
        final List<Integer> starts = new ArrayList<>();
        for (final String prefix : new String[] {"5.", "4.", "2."}) {
            for (int at = s.indexOf(prefix, 1); at >= 0; at = s.indexOf(prefix, at + 5)) {
                starts.add(at);
            }
        }
        Collections.sort(starts);
        final List<String> codes = new ArrayList<>();
        String lastResort = null;
        for (final int at : starts) {
            final char before = s.charAt(at - 1);
            if (before >= '.' && before <= '9' || before == 'V' || before == 'v' || at + 4 > s.length() - 1) {
                continue;
            }
            final char subject = s.charAt(at + 2);
            if (subject < '0' || subject > '7' || s.charAt(at + 3) != '.' || !isDigit(s.charAt(at + 4))) {
                continue;
            }
            String code = s.substring(at, at + 5);
            if (code.startsWith(".0.0", 1) || code.equals("4.4.7")) {
                lastResort = code;
                continue;
            }
            int end = at + 5;
            while (end < s.length() && end < at + 7 && isDigit(s.charAt(end))) {
                end++;
            }
            if (end == at + 7 && isDigit(s.charAt(end))) {
                continue;
            }
            codes.add(s.substring(at, end));
        }
        if (lastResort != null) {
            codes.add(lastResort);
        }
        String chosen = null;
        for (final String code : codes) {
            chosen = chosen == null ? code : prefer(chosen, code, null);
        }
        return chosen;
    }

    /**
     * Sisimai's choice between the code of the Status field (or the first code) and the code in
     * the error message: the one of the reply code's class, the specific one over X.0.0 and X.Y.0,
     * the message's one over codes that say little (4.4.7, 4.7.0, 5.3.Z, X.5.Z command errors).
     */
    static String prefer(final String field, final String inMessage, final String replyCode) {
        if (field == null || field.length() < 5) {
            return inMessage != null ? inMessage : field;
        }
        if (inMessage == null || inMessage.length() < 5) {
            return field;
        }
        if (replyCode != null && !replyCode.isEmpty() && field.charAt(0) != inMessage.charAt(0)) {
            if (replyCode.charAt(0) == field.charAt(0)) {
                return field;
            }
            if (replyCode.charAt(0) == inMessage.charAt(0)) {
                return inMessage;
            }
        }
        if (field.equals(inMessage)) {
            return field;
        }
        if (field.indexOf(".0.0") > 0) {
            return inMessage.indexOf(".0.0") < 0 ? inMessage : field;
        }
        if (field.indexOf(".0") > 0 && inMessage.indexOf(".0") < 0) {
            return inMessage;
        }
        if (inMessage.indexOf(".0.0") > 0) {
            return field;
        }
        if (field.equals("4.4.7")
                || field.equals("4.7.0")
                || field.startsWith("5.3.")
                || field.startsWith(".5.1", 1)
                || field.startsWith(".5.2", 1)
                || field.startsWith(".5.4", 1)
                || field.startsWith(".5.5", 1)) {
            return inMessage;
        }
        if (field.equals("5.1.1")) {
            return inMessage.indexOf(".0") > 0 || inMessage.startsWith("5.5.") ? field : inMessage;
        }
        if (field.equals("5.1.3") && inMessage.startsWith("5.7.")) {
            return inMessage;
        }
        return field;
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The first SMTP reply code in the text, or null: three digits after no digit and no dot,
     * followed by a space, a hyphen or the end of the text, and not by another three digits.
     */
    static String replyCode(final String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        final LinearMatcher m = REPLY.matcher(text);
        while (m.find()) {
            final int end = m.end(1);
            final String code = m.group(1);
            if (endsReplyCode(text, end) && code.charAt(0) != '2') {
                return code;
            }
        }
        return null;
    }

    /** True when a space, hyphen or the end of the text (or of its last line) follows, and no three digits after it. */
    private static boolean endsReplyCode(final String text, final int at) {
        if (atEnd(text, at)) {
            return true;
        }
        final char next = text.charAt(at);
        return (next == ' ' || next == '-')
                && !(at + 3 < text.length()
                        && isDigit(text.charAt(at + 1))
                        && isDigit(text.charAt(at + 2))
                        && isDigit(text.charAt(at + 3)));
    }

    /** Where {@code $} matches in {@code java.util.regex}: the end, or before a line terminator that ends the text. */
    private static boolean atEnd(final String text, final int at) {
        final int left = text.length() - at;
        return left == 0
                || left == 1 && "\n\r\u0085\u2028\u2029".indexOf(text.charAt(at)) >= 0
                || left == 2 && text.startsWith("\r\n", at);
    }

    /** True when the run of digits and dots starting at {@code from} holds a digit. */
    private static boolean digitAmongDigitsAndDots(final String text, final int from) {
        for (int i = from; i < text.length() && (isDigit(text.charAt(i)) || text.charAt(i) == '.'); i++) {
            if (isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
