package io.mailroute.topology.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.eclipse.angus.mail.util.BASE64DecoderStream;
import org.eclipse.angus.mail.util.UUDecoderStream;

/**
 * A part of a mail that is no multipart (or the mail itself): its header fields, its type and its
 * body as a range of the mail bytes, {@code start} inclusive, {@code end} exclusive. Decodes its
 * transfer encoding on demand: base64 and uuencode with Angus Mail's streams, quoted-printable
 * with {@link QuotedPrintable}; other encodings are read as they are.
 *
 * @param raw     the mail bytes
 * @param lenient true to decode damaged base64 and uuencode as far as it goes rather than fail
 */
record MimePart(byte[] raw, HeaderBlock headers, MimeHeaderValue type, int start, int end, boolean lenient) {

    MimeHeaderValue disposition() {
        return MimeHeaderValue.parse(headers.first("Content-Disposition").orElse(null), "");
    }

    /**
     * The transfer decoding the part needs ({@code base64}, {@code quoted-printable},
     * {@code uuencode}), or null for none.
     */
    String decoder() {
        final String encoding = headers.first("Content-Transfer-Encoding").orElse(null);
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

    /** The body bytes as they are in the mail, transfer encoding and all. */
    InputStream encoded() {
        return new ByteArrayInputStream(raw, start, end - start);
    }

    /** The body bytes with the transfer encoding decoded. */
    InputStream decoded() {
        final String decoder = decoder();
        if (decoder == null) {
            return encoded();
        }
        return switch (decoder) {
            case "base64" -> new BASE64DecoderStream(encoded(), lenient);
            case "quoted-printable" -> new ByteArrayInputStream(QuotedPrintable.decode(raw, start, end));
            default -> new UUDecoderStream(encoded(), lenient, lenient);
        };
    }

    /**
     * The first {@code max} decoded bytes as text in the part's charset (guessed when it names
     * none or one that is unknown).
     */
    String text(final int max) throws IOException {
        if (decoder() == null) {
            return MailCharsets.decode(raw, start, Math.min(end - start, max), type.parameter("charset"));
        }
        final byte[] bytes = decoded().readNBytes(max);
        return MailCharsets.decode(bytes, 0, bytes.length, type.parameter("charset"));
    }
}
