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
            "(?m)^--[^\\r\\n]+--[ \\t]*(?:\\r\\n|\\r|\\n)(?:[ \\t]*(?:\\r\\n|\\r|\\n))*"
                    + "(?=From \\S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) )");

    private ConcatenatedMails() {}

    /** The mails in the raw bytes, in order; the raw bytes alone when there is only one. */
    static List<byte[]> split(final byte[] raw) {
        final Matcher next = NEXT_MAIL.matcher(new String(raw, StandardCharsets.ISO_8859_1));
        final List<byte[]> mails = new ArrayList<>();
        int from = 0;
        while (next.find()) {
            mails.add(Arrays.copyOfRange(raw, from, next.end()));
            from = next.end();
        }
        if (from == 0) {
            return List.of(raw);
        }
        mails.add(Arrays.copyOfRange(raw, from, raw.length));
        return mails;
    }
}
