package io.mailroute.topology.parse;

/**
 * A mail as a bounce reader reads it, the way Sisimai reads one: what the reporting MTA wrote and
 * the message it returns, within the {@link ParserSettings} limits the mail was parsed under
 * (header fields and bytes, parts, nesting, decoded bytes per part). Read from the mail bytes by
 * {@link ReportReader} with the parser's own header scanner, multipart splitter and decoders.
 *
 * @param headers         the top-level header fields, each continuation line joined after one space
 * @param text            what the reporting MTA wrote: the text and {@code message/*} parts (delivery
 *                        status, feedback report) decoded, in order, each ending in a line feed (an HTML
 *                        part only when nothing came before it, reduced to text); a mail that is no
 *                        multipart (or whose multipart cannot be split) is its decoded body; lines end in
 *                        LF; its first {@link #MAX_TEXT_CHARS} characters, and only up to the marker of a
 *                        returned message quoted in plain text
 * @param original        the returned message, headers and maybe body, lines ending in LF: the first
 *                        {@code message/rfc822}, {@code text/rfc822-headers}, {@code message/rfc822-headers}
 *                        or {@code message/partial} part as it is, else what follows a "copy of the
 *                        message" marker in the text; "" when the report returns none
 * @param originalHeaders the header fields of {@code original}, read as {@link #headers} are
 * @param reportType      the {@code report-type} parameter of a multipart, lower case, or ""
 */
public record MailReport(
        HeaderBlock headers, String text, String original, HeaderBlock originalHeaders, String reportType) {
    /**
     * Characters of report text read, so that a hostile mail costs a bounce reader's patterns no
     * more than this: reports are a few kilobytes (at most 9,162 characters in the Sisimai corpus).
     */
    public static final int MAX_TEXT_CHARS = 64 * 1024;
}
