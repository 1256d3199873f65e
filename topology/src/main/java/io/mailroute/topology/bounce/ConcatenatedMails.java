package io.mailroute.topology.bounce;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a file that holds several mails one after another in mbox style, as mailers that keep a
 * postmaster copy write them: a new mail starts at a {@code From } separator line right after the
 * closing boundary of the previous multipart mail. Sisimai reports the recipients of all of them.
 */
final class ConcatenatedMails {
    private static final Pattern NEXT_MAIL = Pattern.compile(
            "(?m)^--([^\\r\\n]+)--[ \\t]*(?:\\r\\n|\\r|\\n)(?:[ \\t]*(?:\\r\\n|\\r|\\n))*"
                    + "(?=From \\S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) )");

    private ConcatenatedMails() {}

    /** The mails in the raw bytes, in order; the raw bytes alone when there is only one. */
    static List<byte[]> split(final byte[] raw) {
        final String text = new String(raw, StandardCharsets.ISO_8859_1);
        final Matcher next = NEXT_MAIL.matcher(text);
        final List<byte[]> mails = new ArrayList<>();
        int from = 0;
        while (next.find()) {
            if (!isBoundary(text, next.group(1), next.start())) {
                continue;
            }
            mails.add(Arrays.copyOfRange(raw, from, next.end()));
            from = next.end();
        }
        if (from == 0) {
            return List.of(raw);
        }
        mails.add(Arrays.copyOfRange(raw, from, raw.length));
        return mails;
    }

    /** True when the mail declared the delimiter as its multipart boundary (a dashed rule line is none). */
    private static boolean isBoundary(final String text, final String delimiter, final int before) {
        final String head = text.substring(0, before);
        return head.contains("boundary=\"" + delimiter + "\"") || head.contains("boundary=" + delimiter);
    }
}
