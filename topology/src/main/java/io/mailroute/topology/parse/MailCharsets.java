package io.mailroute.topology.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Charset names as mail labels them, mapped to what the bytes really are: Japanese mail labelled
 * {@code Shift_JIS} is written by Windows code page 932 (①, ～, ㈱ exist only there) and
 * {@code ISO-2022-JP} mail carries the same CP932 extensions, so both decode with the Microsoft
 * variants. Also decodes header bytes that arrived unencoded (8-bit), guessing their charset.
 */
public final class MailCharsets {
    /** Decodes ISO-2022-JP including NEC special characters and IBM extensions (CP932 semantics). */
    public static final Charset ISO_2022_JP_CP932 = Charset.forName("x-windows-iso2022jp");
    /** Windows code page 932, the real charset of mail labelled Shift_JIS. */
    public static final Charset WINDOWS_31J = Charset.forName("windows-31j");

    private static final Map<String, Charset> ALIASES = Map.ofEntries(
            Map.entry("shift_jis", WINDOWS_31J),
            Map.entry("shift-jis", WINDOWS_31J),
            Map.entry("sjis", WINDOWS_31J),
            Map.entry("x-sjis", WINDOWS_31J),
            Map.entry("ms_kanji", WINDOWS_31J),
            Map.entry("csshiftjis", WINDOWS_31J),
            Map.entry("cp932", WINDOWS_31J),
            Map.entry("ms932", WINDOWS_31J),
            Map.entry("windows-31j", WINDOWS_31J),
            Map.entry("iso-2022-jp", ISO_2022_JP_CP932),
            Map.entry("iso2022jp", ISO_2022_JP_CP932),
            Map.entry("csiso2022jp", ISO_2022_JP_CP932),
            Map.entry("iso-2022-jp-ms", ISO_2022_JP_CP932),
            Map.entry("x-windows-iso2022jp", ISO_2022_JP_CP932),
            Map.entry("us-ascii", StandardCharsets.US_ASCII),
            Map.entry("ascii", StandardCharsets.US_ASCII),
            Map.entry("utf-8", StandardCharsets.UTF_8),
            Map.entry("utf8", StandardCharsets.UTF_8),
            Map.entry("iso-8859-1", StandardCharsets.ISO_8859_1),
            Map.entry("latin1", StandardCharsets.ISO_8859_1));

    private MailCharsets() {}

    /** The charset to decode bytes labelled {@code label} with, if the label is known. */
    public static Optional<Charset> forLabel(final String label) {
        if (label == null || label.isBlank()) {
            return Optional.empty();
        }
        final String key = label.trim().toLowerCase(Locale.ROOT);
        final Charset alias = ALIASES.get(key);
        if (alias != null) {
            return Optional.of(alias);
        }
        try {
            return Optional.of(Charset.forName(key));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    /**
     * Decodes text labelled {@code label}. US-ASCII and unknown labels fall back to {@link #guess}
     * so that mislabelled 8-bit text still reads right; malformed input never throws.
     */
    public static String decode(final byte[] bytes, final int offset, final int length, final String label) {
        final Optional<Charset> charset = forLabel(label);
        if (charset.isEmpty() || charset.get().equals(StandardCharsets.US_ASCII)) {
            return guess(bytes, offset, length);
        }
        return new String(bytes, offset, length, charset.get());
    }

    /**
     * Decodes bytes of unknown charset: 7-bit ASCII as is, ISO-2022-JP when it has JIS escape
     * sequences, else UTF-8 when valid, else CP932 when valid, else ISO-8859-1.
     */
    public static String guess(final byte[] bytes, final int offset, final int length) {
        boolean eightBit = false;
        boolean escape = false;
        for (int i = offset; i < offset + length; i++) {
            final byte b = bytes[i];
            if (b < 0) {
                eightBit = true;
                break;
            }
            if (b == 0x1b) {
                escape = true;
            }
        }
        if (!eightBit) {
            return new String(bytes, offset, length, escape ? ISO_2022_JP_CP932 : StandardCharsets.ISO_8859_1);
        }
        return strict(StandardCharsets.UTF_8, bytes, offset, length)
                .or(() -> strict(WINDOWS_31J, bytes, offset, length))
                .orElseGet(() -> new String(bytes, offset, length, StandardCharsets.ISO_8859_1));
    }

    private static Optional<String> strict(
            final Charset charset, final byte[] bytes, final int offset, final int length) {
        final CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            final CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, offset, length));
            return Optional.of(chars.toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
