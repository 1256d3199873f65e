package io.mailroute.topology.parse;

import io.mailroute.avro.Attachment;
import io.mailroute.avro.Bounce;
import io.mailroute.topology.Hashes;
import io.mailroute.topology.budget.MailBudget;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.eclipse.angus.mail.util.BASE64DecoderStream;
import org.eclipse.angus.mail.util.UUDecoderStream;

/**
 * Walks the MIME tree of one mail over the mail bytes (parts are ranges of the same array, never
 * copies), within the {@link ParserSettings} limits: the first text/plain part is the body text
 * (else the first text/html reduced to text), other leaves are attachments (name, type, decoded
 * size and SHA-256), and a {@code multipart/report} delivery-status part is read for its
 * recipients. Multiparts are split by {@link MultipartSplitter}, part headers read by
 * {@link HeaderScanner}; Angus Mail only decodes transfer encodings. One walker per mail; not
 * thread-safe.
 */
final class BodyWalker {
    private static final String DEFAULT_TYPE = "text/plain";

    private final ParserSettings settings;
    private final HeaderScanner scanner;
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
        this.scanner = new HeaderScanner(settings);
        this.raw = raw;
    }

    /** Walks the body of the mail whose top-level headers are {@code top}. */
    MailBody walk(final HeaderBlock top) throws MailParseException {
        try {
            entity(top, top.bodyOffset(), raw.length, 0);
        } catch (IOException | RuntimeException e) {
            tolerate("body could not be read completely: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        final String text = plain != null ? plain : html != null ? HtmlText.toText(html) : "";
        final List<Bounce> bounces = report && deliveryStatus != null
                ? DeliveryStatus.parse(deliveryStatus, originalMessageId)
                : List.of();
        return new MailBody(text, attachments, report && deliveryStatus != null, bounces, reportParts, warnings);
    }

    /** One entity (the mail or a body part) whose headers are {@code headers} and whose body is {@code raw[start, end)}. */
    private void entity(final HeaderBlock headers, final int start, final int end, final int depth)
            throws IOException, MailParseException {
        if (++parts > settings.maxParts()) {
            tolerate("more than " + settings.maxParts() + " body parts; the rest are skipped", null);
            return;
        }
        final MimeHeaderValue type = MimeHeaderValue.parse(headers.first("Content-Type").orElse(null), DEFAULT_TYPE);
        final MimeHeaderValue disposition = MimeHeaderValue.parse(headers.first("Content-Disposition").orElse(null), "");
        final String decoder = decoder(headers.first("Content-Transfer-Encoding").orElse(null));
        if (type.primaryType().equals("multipart")) {
            multipart(type, start, end, depth);
            return;
        }
        final boolean attachment = disposition.value().equals("attachment");
        switch (type.value()) {
            case "text/plain" -> {
                if (!attachment && plain == null) {
                    plain = text(start, end, decoder, type);
                    return;
                }
            }
            case "text/html" -> {
                if (!attachment && html == null) {
                    html = text(start, end, decoder, type);
                    return;
                }
            }
            case "message/delivery-status" -> {
                reportParts = true;
                deliveryStatus = decoded(start, end, decoder).readNBytes(settings.maxBodyBytes());
                return;
            }
            case "text/rfc822-headers" -> {
                reportParts = true;
                originalMessageId = messageId(decoded(start, end, decoder).readNBytes(settings.maxHeaderBytes()));
                return;
            }
            case "message/rfc822" -> {
                if (report && originalMessageId == null) {
                    originalMessageId = messageId(decoded(start, end, decoder).readNBytes(settings.maxHeaderBytes()));
                }
            }
            default -> { }
        }
        attachments.add(attachment(type, disposition, start, end, decoder));
    }

    private void multipart(final MimeHeaderValue type, final int start, final int end, final int depth)
            throws IOException, MailParseException {
        if (depth >= settings.maxPartDepth()) {
            tolerate("multipart nested deeper than " + settings.maxPartDepth() + "; skipped", null);
            return;
        }
        if (type.value().equals("multipart/report")) {
            final String reportType = type.parameter("report-type");
            report |= reportType != null && reportType.equalsIgnoreCase("delivery-status");
        }
        final MultipartSplitter.Split split = MultipartSplitter.split(raw, start, end, boundary(type));
        if (!split.delimiterFound()) {
            tolerate("body could not be read completely: " + type.value() + " has no boundary delimiter line", null);
            return;
        }
        for (final MultipartSplitter.Part part : split.parts()) {
            MailBudget.check();
            final HeaderBlock headers = partHeaders(part);
            entity(headers, headers.bodyOffset(), part.end(), depth + 1);
            if (parts > settings.maxParts()) {
                return;
            }
        }
    }

    /**
     * The part's header block. When its first line is not a header field but the next line is,
     * the first one is taken for a damaged field and skipped; otherwise a part that does not start
     * with a header field has none, and is all body.
     */
    private HeaderBlock partHeaders(final MultipartSplitter.Part part) throws MailParseException {
        try {
            return scanner.scanPart(raw, part.start(), part.end());
        } catch (MailParseException e) {
            if (!settings.lenient()) {
                throw new MailParseException("body part: " + e.getMessage(), e);
            }
        }
        final int lineEnd = HeaderScanner.indexOf(raw, (byte) '\n', part.start(), part.end());
        if (lineEnd >= 0) {
            try {
                final HeaderBlock rest = scanner.scanPart(raw, lineEnd + 1, part.end());
                if (!rest.fields().isEmpty()) {
                    warnings.add("a body part's first header line is not a header field; skipped");
                    return rest;
                }
            } catch (MailParseException notAHeaderBlock) {
                // neither line is a field: the part has no header block
            }
        }
        warnings.add("a body part has no header block; read as body");
        return new HeaderBlock(List.of(), part.start(), List.of());
    }

    private String text(final int start, final int end, final String decoder, final MimeHeaderValue type) throws IOException {
        if (decoder == null) {
            return MailCharsets.decode(raw, start, Math.min(end - start, settings.maxBodyBytes()), type.parameter("charset"));
        }
        final byte[] bytes = decoded(start, end, decoder).readNBytes(settings.maxBodyBytes());
        return MailCharsets.decode(bytes, 0, bytes.length, type.parameter("charset"));
    }

    private Attachment attachment(final MimeHeaderValue type, final MimeHeaderValue disposition, final int start, final int end,
                                  final String decoder) throws IOException {
        final MessageDigest sha256 = Hashes.sha256();
        final long size = digestDecoded(start, end, decoder, sha256);
        String name = disposition.parameter("filename");
        if (name == null) {
            name = type.parameter("name");
        }
        return new Attachment(name, type.value(), size, HexFormat.of().formatHex(sha256.digest()));
    }

    /** Hashes the transfer-decoded bytes of {@code raw[start, end)}; returns how many there were. */
    private long digestDecoded(final int start, final int end, final String decoder, final MessageDigest sha256) throws IOException {
        if (decoder == null) {
            sha256.update(raw, start, end - start);
            return end - start;
        }
        if (decoder.equals("base64")) {
            final long size = Base64Lenient.digestClean(raw, start, end, sha256);
            if (size >= 0) {
                return size;
            }
            sha256.reset();
        }
        try (InputStream in = decoded(start, end, decoder); OutputStream sink = new DigestSink(sha256)) {
            return in.transferTo(sink);
        }
    }

    /** {@code raw[start, end)} through {@code decoder} (one of {@link #decoder}'s answers; null for none). */
    private InputStream decoded(final int start, final int end, final String decoder) {
        final InputStream content = new ByteArrayInputStream(raw, start, end - start);
        if (decoder == null) {
            return content;
        }
        return switch (decoder) {
            case "base64" -> new BASE64DecoderStream(content, settings.lenient());
            case "quoted-printable" -> new ByteArrayInputStream(QuotedPrintable.decode(raw, start, end));
            default -> new UUDecoderStream(content, settings.lenient(), settings.lenient());
        };
    }

    /** The transfer decoding {@code encoding} needs (base64, quoted-printable, uuencode), or null for none. */
    private static String decoder(final String encoding) {
        if (encoding == null) {
            return null;
        }
        return switch (encoding.strip().toLowerCase(Locale.ROOT)) {
            case "base64" -> "base64";
            case "quoted-printable" -> "quoted-printable";
            case "x-uuencode", "x-uue", "uuencode" -> "uuencode";
            default -> null;
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

    /** The boundary parameter's bytes, one per char as Angus Mail takes them; null when missing. */
    static byte[] boundary(final MimeHeaderValue type) {
        final String boundary = type.parameter("boundary");
        if (boundary == null || boundary.isEmpty()) {
            return null;
        }
        final byte[] bytes = new byte[boundary.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) boundary.charAt(i);
        }
        return bytes;
    }

    private void tolerate(final String problem, final Exception cause) throws MailParseException {
        if (!settings.lenient()) {
            throw cause == null ? new MailParseException(problem) : new MailParseException(problem, cause);
        }
        warnings.add(problem);
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
