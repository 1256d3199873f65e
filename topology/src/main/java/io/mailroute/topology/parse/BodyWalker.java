package io.mailroute.topology.parse;

import io.mailroute.avro.Attachment;
import io.mailroute.topology.support.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the body of one mail for the rules through a {@link MimeWalk}: the first text/plain part
 * is the body text (else the first text/html reduced to text), other leaves are attachments
 * (name, type, decoded size and SHA-256), and the part types only reports carry
 * (message/delivery-status, text/rfc822-headers) are noted. One walker per mail; not thread-safe.
 */
final class BodyWalker implements MimeWalk.Visitor {
    private final ParserSettings settings;
    private final byte[] raw;
    private final List<Attachment> attachments = new ArrayList<>(0);
    private final List<String> warnings = new ArrayList<>(0);
    private String plain;
    private String html;
    private boolean reportParts;

    BodyWalker(final ParserSettings settings, final byte[] raw) {
        this.settings = settings;
        this.raw = raw;
    }

    /** Walks the body of the mail whose top-level headers are {@code top}. */
    MailBody walk(final HeaderBlock top) throws MailParseException {
        try {
            new MimeWalk(settings, HeaderScanner.Reading.MAIL, raw, warnings).walk(top, this);
        } catch (IOException | RuntimeException e) {
            final String problem =
                    "body could not be read completely: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!settings.lenient()) {
                throw new MailParseException(problem, e);
            }
            warnings.add(problem);
        }
        final String text = plain != null ? plain : html != null ? HtmlText.toText(html) : "";
        return new MailBody(text, attachments, reportParts, warnings);
    }

    @Override
    public void leaf(final MimePart part) throws IOException {
        final MimeHeaderValue disposition = part.disposition();
        final boolean attachment = disposition.value().equals("attachment");
        switch (part.type().value()) {
            case "text/plain" -> {
                if (!attachment && plain == null) {
                    plain = part.text(settings.maxBodyBytes());
                    return;
                }
            }
            case "text/html" -> {
                if (!attachment && html == null) {
                    html = part.text(settings.maxBodyBytes());
                    return;
                }
            }
            case "message/delivery-status", "text/rfc822-headers" -> {
                reportParts = true;
                return;
            }
            default -> {}
        }
        attachments.add(attachment(part, disposition));
    }

    private static Attachment attachment(final MimePart part, final MimeHeaderValue disposition) throws IOException {
        final MessageDigest sha256 = Hashes.sha256();
        final long size = digestDecoded(part, sha256);
        String name = disposition.parameter("filename");
        if (name == null) {
            name = part.type().parameter("name");
        }
        return Attachment.newBuilder()
                .setFileName(name)
                .setContentType(part.type().value())
                .setSize(size)
                .setSha256(HexFormat.of().formatHex(sha256.digest()))
                .build();
    }

    /** Hashes the transfer-decoded bytes of the part; returns how many there were. */
    private static long digestDecoded(final MimePart part, final MessageDigest sha256) throws IOException {
        final String decoder = part.decoder();
        if (decoder == null) {
            sha256.update(part.raw(), part.start(), part.end() - part.start());
            return part.end() - part.start();
        }
        if (decoder.equals("base64")) {
            final long size = Base64Lenient.digestClean(part.raw(), part.start(), part.end(), sha256);
            if (size >= 0) {
                return size;
            }
            sha256.reset();
        }
        try (InputStream in = part.decoded();
                OutputStream sink = new DigestSink(sha256)) {
            return in.transferTo(sink);
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
