package io.mailroute.topology.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A structured MIME header value such as {@code Content-Type} or {@code Content-Disposition}:
 * the lower-cased value ({@code text/plain}, {@code attachment}) and its parameters, read
 * leniently. RFC 2231 continuations and charsets ({@code filename*0*=utf-8''...}) and encoded
 * words in quoted parameters (a common violation) are decoded.
 *
 * @param value      the value before the first ';', lower-case, trimmed
 * @param parameters parameters by lower-case name
 */
public record MimeHeaderValue(String value, Map<String, String> parameters) {

    /** Parses {@code header}; null or blank gives {@code defaultValue} without parameters. */
    public static MimeHeaderValue parse(final String header, final String defaultValue) {
        if (header == null || header.isBlank()) {
            return new MimeHeaderValue(defaultValue, Map.of());
        }
        final int semicolon = indexOutsideQuotes(header, ';', 0);
        final String value = (semicolon < 0 ? header : header.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
        final Map<String, String> plain = new LinkedHashMap<>();
        final Map<String, TreeMap<Integer, String[]>> sections = new LinkedHashMap<>();
        int pos = semicolon;
        while (pos >= 0 && pos < header.length()) {
            final int next = indexOutsideQuotes(header, ';', pos + 1);
            final String param = header.substring(pos + 1, next < 0 ? header.length() : next);
            addParameter(param, plain, sections);
            pos = next;
        }
        sections.forEach((name, parts) -> plain.put(name, joinSections(parts)));
        return new MimeHeaderValue(value.isEmpty() ? defaultValue : value, Map.copyOf(plain));
    }

    /** A parameter by lower-case name, or null. */
    public String parameter(final String name) {
        return parameters.get(name);
    }

    /** The primary type, e.g. {@code multipart} for {@code multipart/mixed}. */
    public String primaryType() {
        final int slash = value.indexOf('/');
        return slash < 0 ? value : value.substring(0, slash);
    }

    private static void addParameter(
            final String param,
            final Map<String, String> plain,
            final Map<String, TreeMap<Integer, String[]>> sections) {
        final int eq = param.indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = param.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        final String raw = param.substring(eq + 1).strip();
        final boolean extended = name.endsWith("*");
        if (extended) {
            name = name.substring(0, name.length() - 1);
        }
        final int star = name.indexOf('*');
        if (star > 0) {
            final int section = parseSection(name.substring(star + 1));
            if (section >= 0) {
                sections.computeIfAbsent(name.substring(0, star), k -> new TreeMap<>())
                        .put(section, new String[] {extended ? "*" : "", unquote(raw)});
                return;
            }
        }
        final String value = extended ? decodeExtended(unquote(raw), null) : EncodedWords.decode(unquote(raw));
        plain.putIfAbsent(name, value);
    }

    private static int parseSection(final String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String joinSections(final TreeMap<Integer, String[]> parts) {
        String charset = null;
        final StringBuilder out = new StringBuilder();
        for (final String[] part : parts.values()) {
            if (part[0].isEmpty()) {
                out.append(part[1]);
            } else {
                if (charset == null) {
                    final int lang = part[1].indexOf('\'');
                    final int value = lang < 0 ? -1 : part[1].indexOf('\'', lang + 1);
                    if (value >= 0) {
                        charset = part[1].substring(0, lang);
                        out.append(decodeExtended(part[1].substring(value + 1), charset));
                        continue;
                    }
                    charset = "";
                }
                out.append(decodeExtended(part[1], charset));
            }
        }
        return out.toString();
    }

    /** Decodes an RFC 2231 value: {@code charset'lang'%XX...}, or only %XX when charset is given. */
    private static String decodeExtended(final String text, final String knownCharset) {
        String charset = knownCharset;
        String encoded = text;
        if (charset == null) {
            final int lang = text.indexOf('\'');
            final int value = lang < 0 ? -1 : text.indexOf('\'', lang + 1);
            if (value >= 0) {
                charset = text.substring(0, lang);
                encoded = text.substring(value + 1);
            } else {
                charset = "";
            }
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            final char c = encoded.charAt(i);
            if (c == '%'
                    && i + 2 < encoded.length()
                    && Character.digit(encoded.charAt(i + 1), 16) >= 0
                    && Character.digit(encoded.charAt(i + 2), 16) >= 0) {
                bytes.write(
                        Character.digit(encoded.charAt(i + 1), 16) << 4 | Character.digit(encoded.charAt(i + 2), 16));
                i += 2;
            } else {
                final byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        final byte[] decoded = bytes.toByteArray();
        return MailCharsets.decode(decoded, 0, decoded.length, charset);
    }

    private static String unquote(final String text) {
        if (text.length() >= 2 && text.charAt(0) == '"') {
            final int end = text.lastIndexOf('"');
            final String inner = end > 0 ? text.substring(1, end) : text.substring(1);
            return inner.indexOf('\\') < 0 ? inner : unescape(inner);
        }
        return text;
    }

    /** The text with each backslash-escaped character (but a line end) in place of its escape. */
    private static String unescape(final String text) {
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && "\n\r\u0085\u2028\u2029".indexOf(text.charAt(i + 1)) < 0) {
                i++;
                out.append(text.charAt(i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int indexOutsideQuotes(final String text, final char wanted, final int from) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == wanted && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
