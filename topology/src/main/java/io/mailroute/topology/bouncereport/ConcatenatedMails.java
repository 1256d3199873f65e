package io.mailroute.topology.bouncereport;

import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;
import io.mailroute.topology.parse.MailParseException;
import io.mailroute.topology.parse.MailParser;
import io.mailroute.topology.parse.ParsedMail;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a file that holds several mails one after another in mbox style, as mailers that keep a
 * postmaster copy write them: a new mail starts at a {@code From } separator line right after the
 * closing boundary of the previous multipart mail. Sisimai reports the recipients of all of them.
 */
final class ConcatenatedMails {
    /**
     * A closing boundary line, blank lines, and (group 2) the start of the next mail's {@code From }
     * line. Lines may end in CR alone (old Mac mail), where the engine's {@code (?m)^} sees no line start.
     */
    private static final LinearPattern NEXT_MAIL = LinearPattern.compile(
            "(?:^|[\\r\\n])--([^\\r\\n]+)--[ \\t]*(?:\\r\\n|\\r|\\n)(?:[ \\t]*(?:\\r\\n|\\r|\\n))*"
                    + "(From \\S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) )");
    /** Separators looked at: each costs a search of the text before it, so a hostile mail cannot go quadratic. */
    private static final int MAX_SEPARATORS = 64;

    private ConcatenatedMails() {}

    /**
     * The mails in the mail's bytes, in order, each parsed by a parser with the mail's settings
     * (a part that is no mail is left out); the mail alone when there is only one.
     */
    static List<ParsedMail> split(final ParsedMail mail) {
        final List<byte[]> parts = split(mail.raw());
        if (parts.size() == 1) {
            return List.of(mail);
        }
        final MailParser parser = new MailParser(mail.settings());
        final List<ParsedMail> mails = new ArrayList<>(parts.size());
        for (final byte[] part : parts) {
            try {
                mails.add(parser.parse(part));
            } catch (MailParseException notAMail) {
                // what follows a separator is no mail: it reports nothing
            }
        }
        return mails;
    }

    /** The mails in the raw bytes, in order; the raw bytes alone when there is only one. */
    static List<byte[]> split(final byte[] raw) {
        final String text = new String(raw, StandardCharsets.ISO_8859_1);
        final LinearMatcher next = NEXT_MAIL.matcher(text);
        final List<byte[]> mails = new ArrayList<>();
        int from = 0;
        for (int seen = 0; seen < MAX_SEPARATORS && next.find(); seen++) {
            if (!isBoundary(text, next.group(1), next.start())) {
                continue;
            }
            mails.add(Arrays.copyOfRange(raw, from, next.start(2)));
            from = next.start(2);
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
