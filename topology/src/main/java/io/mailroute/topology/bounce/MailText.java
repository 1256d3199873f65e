package io.mailroute.topology.bounce;

import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;
import io.mailroute.topology.match.TextSplit;
import io.mailroute.topology.parse.HtmlText;
import io.mailroute.topology.parse.MailCharsets;
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
 * "copy of the message" marker in plain-text bounces) in {@link #original()}.
 *
 * @param headers  top-level headers, unfolded
 * @param report   what the reporting MTA wrote, decoded, its first {@value #MAX_REPORT_CHARS} characters
 * @param original the returned message (headers and maybe body), empty when not included
 * @param reportType the {@code report-type} parameter of a multipart/report, lower case, or ""
 */
record MailText(Headers headers, String report, String original, String reportType) {
    private static final int MAX_PARTS = 64;
    private static final int MAX_PART_BYTES = 512 * 1024;
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

    static MailText of(final byte[] raw) {
        final byte[] lf = withoutMboxLine(normalizeNewlines(raw));
        final int bodyStart = bodyStart(lf);
        final Headers headers = Headers.parse(new String(lf, 0, bodyStart, StandardCharsets.ISO_8859_1));
        final String contentType = headers.first("content-type");
        final String lowerType = contentType.toLowerCase(Locale.ROOT);
        final StringBuilder report = new StringBuilder();
        final StringBuilder original = new StringBuilder();
        String reportType = "";
        if (lowerType.startsWith("multipart/")) {
            reportType = parameter(contentType, "report-type");
            try {
                final MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(crlf(lf)));
                walk(message, report, original, new int[] {0}, 0);
            } catch (MessagingException | IOException | RuntimeException e) {
                report.setLength(0);
                report.append(decodeText(slice(lf, bodyStart), headers.first("content-transfer-encoding"), contentType));
            }
        } else {
            report.append(decodeText(slice(lf, bodyStart), headers.first("content-transfer-encoding"), contentType));
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
        return new MailText(headers, reportText, original.toString().replace("\r\n", "\n").replace('\r', '\n'), reportType);
    }

    /** Headers of the returned original message, parsed from {@link #original()}. */
    Headers originalHeaders() {
        String text = original.stripLeading();
        final int blank = text.indexOf("\n\n");
        if (blank >= 0) {
            text = text.substring(0, blank + 1);
        }
        return Headers.parse(text);
    }

    private static void walk(final Part part, final StringBuilder report, final StringBuilder original, final int[] count,
                             final int depth) throws MessagingException, IOException {
        if (++count[0] > MAX_PARTS || depth > 8) {
            return;
        }
        final String type = lowerType(part);
        if (type.startsWith("multipart/")) {
            final Object content = part.getContent();
            if (content instanceof MimeMultipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    final BodyPart child = multipart.getBodyPart(i);
                    walk(child, report, original, count, depth + 1);
                }
            }
            return;
        }
        if (type.equals("message/rfc822") || type.equals("text/rfc822-headers") || type.equals("message/rfc822-headers")
                || type.equals("message/partial")) {
            if (original.isEmpty()) {
                original.append(new String(readBytes(part, true), StandardCharsets.UTF_8));
            }
            return;
        }
        if (!type.startsWith("text/") && !type.startsWith("message/")) {
            return;
        }
        String text = new String(readBytes(part, false), StandardCharsets.ISO_8859_1);
        final String charset = parameter(part.getContentType(), "charset");
        final byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        text = charset.isEmpty() ? MailCharsets.guess(bytes, 0, bytes.length) : MailCharsets.decode(bytes, 0, bytes.length, charset);
        if (type.equals("text/html")) {
            if (!report.isEmpty()) {
                return;
            }
            text = HtmlText.toText(text);
        }
        report.append(text).append('\n');
    }

    private static byte[] readBytes(final Part part, final boolean raw) throws MessagingException, IOException {
        try {
            return readLimited(raw ? rawStream(part) : part.getInputStream());
        } catch (IOException | MessagingException | RuntimeException e) {
            return readLimited(rawStream(part));
        }
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

    private static byte[] readLimited(final InputStream in) throws IOException {
        try (in) {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0 && out.size() < MAX_PART_BYTES) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
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
    private static String decodeText(final byte[] body, final String encoding, final String contentType) {
        byte[] bytes = body;
        final String enc = encoding.strip().toLowerCase(Locale.ROOT);
        if (enc.equals("base64") || enc.equals("quoted-printable")) {
            try (InputStream in = jakarta.mail.internet.MimeUtility.decode(new ByteArrayInputStream(body), enc)) {
                bytes = readLimited(in);
            } catch (MessagingException | IOException | RuntimeException e) {
                bytes = body;
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

    private static byte[] crlf(final byte[] lf) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(lf.length + lf.length / 40);
        for (final byte b : lf) {
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
        static Headers parse(final String block) {
            final List<String[]> fields = new java.util.ArrayList<>();
            for (final String line : TextSplit.at(block, '\n')) {
                if (line.isEmpty()) {
                    break;
                }
                if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !fields.isEmpty()) {
                    final String[] last = fields.get(fields.size() - 1);
                    last[1] = last[1] + " " + line.strip();
                    continue;
                }
                final int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).indexOf(' ') < 0) {
                    fields.add(new String[] {line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip()});
                }
            }
            return new Headers(fields);
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
