package io.mailroute.topology.parse;

import io.mailroute.avro.Attachment;
import io.mailroute.avro.Bounce;
import io.mailroute.topology.Hashes;
import jakarta.activation.DataSource;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.SharedInputStream;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.util.BASE64DecoderStream;
import org.eclipse.angus.mail.util.QPDecoderStream;
import org.eclipse.angus.mail.util.UUDecoderStream;

/**
 * Walks the MIME tree of one mail with Angus Mail's multipart parser over the shared mail bytes
 * (parts are views, never copies), within the {@link ParserSettings} limits: the first text/plain
 * part is the body text (else the first text/html reduced to text), other leaves are attachments
 * (name, type, decoded size and SHA-256), and a {@code multipart/report} delivery-status part is
 * read for its recipients. One walker per mail; not thread-safe.
 */
final class BodyWalker {
    private static final String DEFAULT_TYPE = "text/plain";
    private static final Pattern FOLD = Pattern.compile("\r?\n(?=[ \t])");

    private final ParserSettings settings;
    private final byte[] raw;
    private final List<Attachment> attachments = new ArrayList<>(0);
    private final List<String> warnings = new ArrayList<>(0);
    private String plain;
    private String html;
    private byte[] deliveryStatus;
    private String originalMessageId;
    private boolean report;
    private boolean reportParts;
    private int parts;

    BodyWalker(final ParserSettings settings, final byte[] raw) {
        this.settings = settings;
        this.raw = raw;
    }

    /** Walks the body of the mail whose top-level headers are {@code top}. */
    MailBody walk(final HeaderBlock top) throws MailParseException {
        try {
            final InputStream content = new SharedByteArrayInputStream(raw, top.bodyOffset(), raw.length - top.bodyOffset());
            entity(top.first("Content-Type").orElse(null), top.first("Content-Transfer-Encoding").orElse(null),
                    top.first("Content-Disposition").orElse(null), content, 0);
        } catch (MessagingException | IOException | RuntimeException e) {
            tolerate("body could not be read completely: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        final String text = plain != null ? plain : html != null ? HtmlText.toText(html) : "";
        final List<Bounce> bounces = report && deliveryStatus != null
                ? DeliveryStatus.parse(deliveryStatus, originalMessageId)
                : List.of();
        return new MailBody(text, attachments, report && deliveryStatus != null, bounces, reportParts, warnings);
    }

    private void entity(final String contentTypeHeader, final String encoding, final String dispositionHeader,
                        final InputStream content, final int depth) throws MessagingException, IOException, MailParseException {
        if (++parts > settings.maxParts()) {
            tolerate("more than " + settings.maxParts() + " body parts; the rest are skipped", null);
            return;
        }
        final MimeHeaderValue type = MimeHeaderValue.parse(contentTypeHeader, DEFAULT_TYPE);
        final MimeHeaderValue disposition = MimeHeaderValue.parse(dispositionHeader, "");
        if (type.primaryType().equals("multipart")) {
            multipart(type, content, depth);
            return;
        }
        final boolean attachment = disposition.value().equals("attachment");
        switch (type.value()) {
            case "text/plain" -> {
                if (!attachment && plain == null) {
                    plain = text(content, encoding, type);
                    return;
                }
            }
            case "text/html" -> {
                if (!attachment && html == null) {
                    html = text(content, encoding, type);
                    return;
                }
            }
            case "message/delivery-status" -> {
                reportParts = true;
                deliveryStatus = decoded(content, encoding).readNBytes(settings.maxBodyBytes());
                return;
            }
            case "text/rfc822-headers" -> {
                reportParts = true;
                originalMessageId = messageId(decoded(content, encoding).readNBytes(settings.maxHeaderBytes()));
                return;
            }
            case "message/rfc822" -> {
                if (report && originalMessageId == null && content instanceof SharedInputStream shared) {
                    originalMessageId = messageId(decoded(shared.newStream(0, -1), encoding).readNBytes(settings.maxHeaderBytes()));
                }
            }
            default -> { }
        }
        attachments.add(attachment(type, disposition, content, encoding));
    }

    private void multipart(final MimeHeaderValue type, final InputStream content, final int depth)
            throws MessagingException, IOException, MailParseException {
        if (depth >= settings.maxPartDepth()) {
            tolerate("multipart nested deeper than " + settings.maxPartDepth() + "; skipped", null);
            return;
        }
        if (type.value().equals("multipart/report")) {
            final String reportType = type.parameter("report-type");
            report |= reportType != null && reportType.equalsIgnoreCase("delivery-status");
        }
        final MimeMultipart multipart = new MimeMultipart(new StreamSource(multipartType(type), content));
        final int count = multipart.getCount();
        for (int i = 0; i < count; i++) {
            final BodyPart part = multipart.getBodyPart(i);
            if (!(part instanceof MimeBodyPart mime)) {
                continue;
            }
            entity(header(mime, "Content-Type"), header(mime, "Content-Transfer-Encoding"), header(mime, "Content-Disposition"),
                    mime.getRawInputStream(), depth + 1);
            if (parts > settings.maxParts()) {
                return;
            }
        }
    }

    private String text(final InputStream content, final String encoding, final MimeHeaderValue type) throws IOException {
        final byte[] bytes = decoded(content, encoding).readNBytes(settings.maxBodyBytes());
        return MailCharsets.decode(bytes, 0, bytes.length, type.parameter("charset"));
    }

    private Attachment attachment(final MimeHeaderValue type, final MimeHeaderValue disposition, final InputStream content,
                                  final String encoding) throws IOException {
        final MessageDigest sha256 = Hashes.sha256();
        final long size;
        try (InputStream in = decoded(content, encoding); OutputStream sink = new DigestSink(sha256)) {
            size = in.transferTo(sink);
        }
        String name = disposition.parameter("filename");
        if (name == null) {
            name = type.parameter("name");
        }
        return new Attachment(name, type.value(), size, HexFormat.of().formatHex(sha256.digest()));
    }

    private InputStream decoded(final InputStream content, final String encoding) {
        if (encoding == null) {
            return content;
        }
        return switch (encoding.strip().toLowerCase(Locale.ROOT)) {
            case "base64" -> new BASE64DecoderStream(content, settings.lenient());
            case "quoted-printable" -> new QPDecoderStream(content);
            case "x-uuencode", "x-uue", "uuencode" -> new UUDecoderStream(content, settings.lenient(), settings.lenient());
            default -> content;
        };
    }

    private static String messageId(final byte[] headers) {
        try {
            return new HeaderScanner(ParserSettings.LENIENT).scan(headers, 0, headers.length).first("Message-ID")
                    .map(String::strip).orElse(null);
        } catch (MailParseException e) {
            return null;
        }
    }

    private static String header(final MimeBodyPart part, final String name) throws MessagingException {
        final String value = part.getHeader(name, null);
        return value == null ? null : FOLD.matcher(value).replaceAll("");
    }

    /** The Content-Type Angus parses the multipart with: only the boundary, cleanly quoted. */
    private static String multipartType(final MimeHeaderValue type) {
        final String boundary = type.parameter("boundary");
        if (boundary == null || boundary.isEmpty()) {
            return type.value();
        }
        return type.value() + "; boundary=\"" + boundary.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void tolerate(final String problem, final Exception cause) throws MailParseException {
        if (!settings.lenient()) {
            throw cause == null ? new MailParseException(problem) : new MailParseException(problem, cause);
        }
        warnings.add(problem);
    }

    /** A multipart's content as Angus reads it: one stream, shared with the mail bytes. */
    private record StreamSource(String contentType, InputStream content) implements DataSource {
        @Override
        public InputStream getInputStream() {
            return content;
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getName() {
            return "body";
        }
    }

    /** Feeds written bytes to a digest and drops them. */
    private static final class DigestSink extends OutputStream {
        private final MessageDigest digest;

        DigestSink(final MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        public void write(final int b) {
            digest.update((byte) b);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) {
            digest.update(b, off, len);
        }
    }
}
