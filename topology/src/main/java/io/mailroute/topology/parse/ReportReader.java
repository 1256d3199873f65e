package io.mailroute.topology.parse;

import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the {@link MailReport} of one mail through a {@link MimeWalk}, always leniently (a bounce
 * reader never rejects a mail) and within the limits the mail was parsed under. One reader per
 * mail; not thread-safe.
 */
final class ReportReader implements MimeWalk.Visitor {
    /** Part types that hold the returned message rather than report text. */
    private static final Set<String> ORIGINAL_TYPES =
            Set.of("message/rfc822", "text/rfc822-headers", "message/rfc822-headers", "message/partial");
    /** Markers after which a plain-text bounce quotes the original message. */
    private static final LinearPattern ORIGINAL_MARKER = LinearPattern.compile(
            "(?im)^(?:[ \\t]*-{2,}[ \\t]*(?:original message|original mail|Original message (?:header|headers|follows)"
                    + "|this is a copy of the message|the header of the original message"
                    + "|unsent message follows|returned message|message header follows|below this line is a copy)"
                    + "|[ \\t]*-+ ?(?:The )?original message(?: header)?(?: is)? ?(?:follows|below)?\\.? ?-*"
                    + "|Content-Type: (?:message/rfc822|text/rfc822-headers)"
                    + "|[ \\t]*original message follows\\.?[ \\t]*$"
                    + "|[ \\t]*-{3,} ?Below this line is a copy of the message\\.?"
                    + "|[ \\t]*-{5,} ?Original Message ?-{5,})[^\\n]*$");

    private final ParserSettings settings;
    private final StringBuilder reported = new StringBuilder();
    private String original = "";
    private boolean unreadable;

    private ReportReader(final ParserSettings settings) {
        this.settings = settings;
    }

    /** The report of the mail {@code raw}, read within {@code limits}. */
    static MailReport read(final byte[] raw, final ParserSettings limits) {
        final ParserSettings settings =
                limits.lenient() ? limits : limits.toBuilder().lenient(true).build();
        final HeaderBlock headers = headers(raw, settings);
        final MimeHeaderValue type =
                MimeHeaderValue.parse(headers.first("Content-Type").orElse(null), "text/plain");
        final ReportReader reader = new ReportReader(settings);
        String text = lineFeeds(reader.text(raw, headers, type));
        if (text.length() > MailReport.MAX_TEXT_CHARS) {
            text = text.substring(0, MailReport.MAX_TEXT_CHARS);
        }
        String original = lineFeeds(reader.original);
        if (original.isEmpty()) {
            final LinearMatcher marker = ORIGINAL_MARKER.matcher(text);
            if (marker.find()) {
                original = text.substring(marker.end());
                text = text.substring(0, marker.start());
            }
        }
        final byte[] originalBytes = original.stripLeading().getBytes(StandardCharsets.UTF_8);
        return new MailReport(headers, text, original, headers(originalBytes, settings), reportType(type));
    }

    /**
     * What the reporting MTA wrote: the text parts of a multipart, else the body. A multipart that
     * cannot be split (no delimiter line) is read as one text, as Angus Mail's readers did.
     */
    private String text(final byte[] raw, final HeaderBlock headers, final MimeHeaderValue type) {
        final MimePart body = new MimePart(raw, headers, type, headers.bodyOffset(), raw.length, settings.lenient());
        if (!type.primaryType().equals("multipart")) {
            final String text = decodedText(body);
            return type.value().equals("text/html") ? HtmlText.toText(text) : text;
        }
        try {
            new MimeWalk(settings, HeaderScanner.Reading.REPORT, raw, new ArrayList<>(0)).walk(headers, this);
        } catch (IOException | MailParseException | RuntimeException e) {
            unreadable = true;
        }
        return unreadable ? decodedText(body) : reported.toString();
    }

    @Override
    public void multipart(final MimeHeaderValue type, final boolean split) {
        unreadable |= !split;
    }

    @Override
    public void leaf(final MimePart part) throws IOException {
        if (unreadable) {
            return;
        }
        final String type = part.type().value();
        if (ORIGINAL_TYPES.contains(type)) {
            if (original.isEmpty()) {
                final byte[] bytes = part.encoded().readNBytes(settings.maxBodyBytes());
                original = new String(bytes, StandardCharsets.UTF_8);
            }
            return;
        }
        if (!type.startsWith("text/") && !type.startsWith("message/")) {
            return;
        }
        final boolean html = type.equals("text/html");
        final int room = settings.maxBodyBytes() - reported.length();
        if (room <= 0 || html && !reported.isEmpty()) {
            return;
        }
        // line ends made LF part by part, so that a part ending in a CR alone keeps its own line end
        final String decoded = lineFeeds(html ? HtmlText.toText(decodedText(part)) : decodedText(part));
        reported.append(decoded, 0, Math.min(decoded.length(), room - 1)).append('\n');
    }

    /** The part's decoded text; its bytes as they are when they cannot be decoded. */
    private String decodedText(final MimePart part) {
        try {
            return part.text(settings.maxBodyBytes());
        } catch (IOException | RuntimeException e) {
            final int length = Math.min(part.end() - part.start(), settings.maxBodyBytes());
            return MailCharsets.decode(
                    part.raw(), part.start(), length, part.type().parameter("charset"));
        }
    }

    private static HeaderBlock headers(final byte[] raw, final ParserSettings settings) {
        try {
            return new HeaderScanner(settings, HeaderScanner.Reading.REPORT).scan(raw, 0, raw.length);
        } catch (MailParseException e) {
            return new HeaderBlock(List.of(), 0, List.of());
        }
    }

    /** The {@code report-type} parameter of a multipart, lower case, or "". */
    private static String reportType(final MimeHeaderValue type) {
        final String parameter = type.primaryType().equals("multipart") ? type.parameter("report-type") : null;
        return parameter == null ? "" : parameter.strip().toLowerCase(Locale.ROOT);
    }

    private static String lineFeeds(final String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
