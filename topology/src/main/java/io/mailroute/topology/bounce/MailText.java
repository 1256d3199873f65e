package io.mailroute.topology.bounce;

import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;
import io.mailroute.topology.match.TextSplit;
import io.mailroute.topology.parse.HtmlText;
import io.mailroute.topology.parse.MailCharsets;
import io.mailroute.topology.parse.ParserSettings;
import io.mailroute.topology.parse.QuotedPrintable;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A mail flattened for bounce reading, the way Sisimai reads it: newlines made LF, an mbox
 * {@code From } line dropped, the top headers unfolded, and the body decoded into plain text:
 * the human-readable and delivery-status parts in {@link #report()}, the returned original
 * message (a {@code message/rfc822} or {@code text/rfc822-headers} part, or what follows a
 * "copy of the message" marker in plain-text bounces) in {@link #original()}. Within the parser's
 * limits: header fields, header and value bytes, parts, nesting, decoded bytes per part; the
 * report and the original are each at most {@link ParserSettings#maxBodyBytes()} characters, and
 * the MIME walk reads only the first {@link #mimeBudget} bytes of the mail.
 *
 * @param headers  top-level headers, unfolded
 * @param report   what the reporting MTA wrote, decoded, its first {@value #MAX_REPORT_CHARS} characters
 * @param original the returned message (headers and maybe body), empty when not included
 * @param reportType the {@code report-type} parameter of a multipart/report, lower case, or ""
 * @param limits   the limits it was read under
 */
record MailText(Headers headers, String report, String original, String reportType, ParserSettings limits) {
    /**
     * Characters of report text read, so that a hostile mail costs the classifier's patterns no more
     * than this: reports are a few kilobytes (at most 9,162 characters in the Sisimai corpus).
     */
    static final int MAX_REPORT_CHARS = 64 * 1024;
    private static final Session SESSION = Session.getInstance(properties());

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

    static MailText of(final byte[] raw, final ParserSettings limits) {
        final byte[] lf = withoutMboxLine(normalizeNewlines(raw));
        final int bodyStart = bodyStart(lf);
        final Headers headers = Headers.parse(new String(lf, 0, Math.min(bodyStart, limits.maxHeaderBytes()),
                StandardCharsets.ISO_8859_1), limits);
        final String contentType = headers.first("content-type");
        final String lowerType = contentType.toLowerCase(Locale.ROOT);
        final StringBuilder report = new StringBuilder();
        final StringBuilder original = new StringBuilder();
        String reportType = "";
        if (lowerType.startsWith("multipart/")) {
            reportType = parameter(contentType, "report-type");
            try {
                final MimeMessage message = new MimeMessage(SESSION,
                        new ByteArrayInputStream(crlf(lf, mimeBudget(limits))));
                walk(message, new Walk(report, original, limits), 0);
            } catch (MessagingException | IOException | RuntimeException e) {
                report.setLength(0);
                report.append(decodeText(slice(lf, bodyStart), headers.first("content-transfer-encoding"), contentType,
                        limits));
            }
        } else {
            report.append(decodeText(slice(lf, bodyStart), headers.first("content-transfer-encoding"), contentType,
                    limits));
            if (lowerType.startsWith("text/html")) {
                final String text = HtmlText.toText(report.toString());
                report.setLength(0);
                report.append(text);
            }
        }
        String reportText = report.toString().replace("\r\n", "\n").replace('\r', '\n');
        if (reportText.length() > MAX_REPORT_CHARS) {
            reportText = reportText.substring(0, MAX_REPORT_CHARS);
        }
        if (original.isEmpty()) {
            final LinearMatcher m = ORIGINAL_MARKER.matcher(reportText);
            if (m.find()) {
                original.append(reportText.substring(m.end()));
                reportText = reportText.substring(0, m.start());
            }
        }
        return new MailText(headers, reportText, original.toString().replace("\r\n", "\n").replace('\r', '\n'),
                reportType, limits);
    }

    /**
     * The bytes of a mail the MIME walk reads: the header block and twice the decoded bytes of a
     * part. What an MTA reports comes first; a returned message beyond it is only needed for its
     * headers, and the walk's multipart parse would otherwise make an object of every part first.
     */
    static int mimeBudget(final ParserSettings limits) {
        return (int) Math.min(Integer.MAX_VALUE - 8, limits.maxHeaderBytes() + 2L * limits.maxBodyBytes());
    }

    /** Headers of the returned original message, parsed from {@link #original()}. */
    Headers originalHeaders() {
        String text = original.stripLeading();
        final int blank = text.indexOf("\n\n");
        if (blank >= 0) {
            text = text.substring(0, blank + 1);
        }
        final int max = limits.maxHeaderBytes();
        return Headers.parse(text.length() > max ? text.substring(0, max) : text, limits);
    }

    /** What one MIME walk collects, and what it may still read. */
    private static final class Walk {
        private final StringBuilder report;
        private final StringBuilder original;
        private final ParserSettings limits;
        private int parts;

        Walk(final StringBuilder report, final StringBuilder original, final ParserSettings limits) {
            this.report = report;
            this.original = original;
            this.limits = limits;
        }

        /** Appends {@code text} and a newline as far as the report may still grow. */
        void report(final String text) {
            final int room = limits.maxBodyBytes() - report.length();
            if (room > 0) {
                report.append(text, 0, Math.min(text.length(), room - 1)).append('\n');
            }
        }
    }

    private static void walk(final Part part, final Walk walk, final int depth) throws MessagingException, IOException {
        final StringBuilder report = walk.report;
        final StringBuilder original = walk.original;
        if (++walk.parts > walk.limits.maxParts() || depth > walk.limits.maxPartDepth()) {
            return;
        }
        final String type = lowerType(part);
        if (type.startsWith("multipart/")) {
            final Object content = part.getContent();
            if (content instanceof MimeMultipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    final BodyPart child = multipart.getBodyPart(i);
                    walk(child, walk, depth + 1);
                }
            }
            return;
        }
        if (type.equals("message/rfc822") || type.equals("text/rfc822-headers") || type.equals("message/rfc822-headers")
                || type.equals("message/partial")) {
            if (original.isEmpty()) {
                original.append(new String(readBytes(part, true, walk.limits), StandardCharsets.UTF_8));
            }
            return;
        }
        if (!type.startsWith("text/") && !type.startsWith("message/")) {
            return;
        }
        String text = new String(readBytes(part, false, walk.limits), StandardCharsets.ISO_8859_1);
        final String charset = parameter(part.getContentType(), "charset");
        final byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        text = charset.isEmpty() ? MailCharsets.guess(bytes, 0, bytes.length) : MailCharsets.decode(bytes, 0, bytes.length, charset);
        if (type.equals("text/html")) {
            if (!report.isEmpty()) {
                return;
            }
            text = HtmlText.toText(text);
        }
        walk.report(text);
    }

    private static byte[] readBytes(final Part part, final boolean raw, final ParserSettings limits)
            throws MessagingException, IOException {
        try {
            if (!raw && isQuotedPrintable(part)) {
                final byte[] encoded = readLimited(rawStream(part), Integer.MAX_VALUE);
                return limited(QuotedPrintable.decode(encoded, 0, encoded.length), limits.maxBodyBytes());
            }
            return readLimited(raw ? rawStream(part) : part.getInputStream(), limits.maxBodyBytes());
        } catch (IOException | MessagingException | RuntimeException e) {
            return readLimited(rawStream(part), limits.maxBodyBytes());
        }
    }

    /** Angus Mail's quoted-printable stream recurses once per soft line break: such parts are decoded here. */
    private static boolean isQuotedPrintable(final Part part) throws MessagingException {
        return part instanceof MimeBodyPart body
                && "quoted-printable".equalsIgnoreCase(String.valueOf(body.getEncoding()).strip());
    }

    private static byte[] limited(final byte[] bytes, final int max) {
        return bytes.length > max ? java.util.Arrays.copyOf(bytes, max) : bytes;
    }

    private static InputStream rawStream(final Part part) throws MessagingException {
        if (part instanceof MimeBodyPart body) {
            return body.getRawInputStream();
        }
        if (part instanceof MimeMessage message) {
            return message.getRawInputStream();
        }
        throw new MessagingException("no raw content for " + part.getClass().getSimpleName());
    }

    private static byte[] readLimited(final InputStream in, final int max) throws IOException {
        try (in) {
            return in.readNBytes(max);
        }
    }

    private static String lowerType(final Part part) throws MessagingException {
        final String header = part.getContentType();
        if (header == null) {
            return "text/plain";
        }
        final int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** Decodes a single-part body by its transfer encoding and charset. */
    private static String decodeText(final byte[] body, final String encoding, final String contentType,
                                     final ParserSettings limits) {
        final int max = limits.maxBodyBytes();
        byte[] bytes = limited(body, max);
        final String enc = encoding.strip().toLowerCase(Locale.ROOT);
        if (enc.equals("quoted-printable")) {
            bytes = limited(QuotedPrintable.decode(body, 0, body.length), max);
        } else if (enc.equals("base64")) {
            try (InputStream in = jakarta.mail.internet.MimeUtility.decode(new ByteArrayInputStream(body), enc)) {
                bytes = readLimited(in, limits.maxBodyBytes());
            } catch (MessagingException | IOException | RuntimeException e) {
                // undecodable: read as it is
            }
        }
        final String charset = parameter(contentType, "charset");
        return charset.isEmpty() ? MailCharsets.guess(bytes, 0, bytes.length) : MailCharsets.decode(bytes, 0, bytes.length, charset);
    }

    static String parameter(final String contentType, final String name) {
        if (contentType == null || contentType.isEmpty()) {
            return "";
        }
        try {
            final String value = new ContentType(contentType).getParameter(name);
            return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        } catch (jakarta.mail.internet.ParseException | RuntimeException e) {
            final LinearPattern assignment =
                    LinearPattern.compile("(?i)" + LinearPattern.quote(name) + "\\s*=\\s*\"?([^\";\\s]+)");
            final LinearMatcher m = assignment.matcher(contentType);
            return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
        }
    }

    private static byte[] normalizeNewlines(final byte[] raw) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            final byte b = raw[i];
            if (b == '\r') {
                out.write('\n');
                if (i + 1 < raw.length && raw[i + 1] == '\n') {
                    i++;
                }
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static byte[] withoutMboxLine(final byte[] lf) {
        if (lf.length > 5 && lf[0] == 'F' && lf[1] == 'r' && lf[2] == 'o' && lf[3] == 'm' && lf[4] == ' ') {
            int end = 0;
            while (end < lf.length && lf[end] != '\n') {
                end++;
            }
            return slice(lf, Math.min(end + 1, lf.length));
        }
        return lf;
    }

    /** The first {@code max} bytes of {@code lf} (or all), with CRLF line ends, as Jakarta Mail reads them. */
    private static byte[] crlf(final byte[] lf, final int max) {
        final int length = Math.min(lf.length, max);
        final ByteArrayOutputStream out = new ByteArrayOutputStream(length + length / 40);
        for (int i = 0; i < length; i++) {
            final byte b = lf[i];
            if (b == '\n') {
                out.write('\r');
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    private static int bodyStart(final byte[] lf) {
        for (int i = 0; i + 1 < lf.length; i++) {
            if (lf[i] == '\n' && lf[i + 1] == '\n') {
                return i + 2;
            }
        }
        return lf.length;
    }

    private static byte[] slice(final byte[] bytes, final int from) {
        return java.util.Arrays.copyOfRange(bytes, from, bytes.length);
    }

    private static Properties properties() {
        final Properties p = new Properties();
        p.setProperty("mail.mime.parameters.strict", "false");
        p.setProperty("mail.mime.address.strict", "false");
        p.setProperty("mail.mime.base64.ignoreerrors", "true");
        p.setProperty("mail.mime.uudecode.ignoreerrors", "true");
        p.setProperty("mail.mime.multipart.ignoreexistingboundaryparameter", "false");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        p.setProperty("mail.mime.multipart.allowempty", "true");
        return p;
    }

    /** Unfolded header fields in order; names compared case-insensitively. */
    record Headers(List<String[]> fields) {
        /**
         * The fields of {@code block} up to its first empty line: at most
         * {@link ParserSettings#maxHeaderCount()} of them, each value at most
         * {@link ParserSettings#maxHeaderValueBytes()} characters.
         */
        static Headers parse(final String block, final ParserSettings limits) {
            final List<String[]> fields = new java.util.ArrayList<>();
            final int maxValue = limits.maxHeaderValueBytes();
            StringBuilder value = null;
            for (final String line : TextSplit.at(block, '\n')) {
                if (line.isEmpty()) {
                    break;
                }
                if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && value != null) {
                    if (value.length() < maxValue) {
                        value.append(' ').append(line.strip());
                    }
                    continue;
                }
                final int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).indexOf(' ') < 0) {
                    finish(fields, value, maxValue);
                    if (fields.size() >= limits.maxHeaderCount()) {
                        return new Headers(fields);
                    }
                    fields.add(new String[] {line.substring(0, colon).toLowerCase(Locale.ROOT), null});
                    value = new StringBuilder(line.substring(colon + 1).strip());
                }
            }
            finish(fields, value, maxValue);
            return new Headers(fields);
        }

        /** Sets the value of the last field, folded lines joined (linear however many there are). */
        private static void finish(final List<String[]> fields, final StringBuilder value, final int maxValue) {
            if (value != null) {
                fields.get(fields.size() - 1)[1] = value.length() > maxValue ? value.substring(0, maxValue)
                        : value.toString();
            }
        }

        /** First value of the field, "" when absent. */
        String first(final String lowerName) {
            for (final String[] f : fields) {
                if (f[0].equals(lowerName)) {
                    return f[1];
                }
            }
            return "";
        }

        List<String> all(final String lowerName) {
            return fields.stream().filter(f -> f[0].equals(lowerName)).map(f -> f[1]).toList();
        }
    }
}
