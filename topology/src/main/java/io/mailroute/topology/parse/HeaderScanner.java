package io.mailroute.topology.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a header block straight from the mail bytes: a single pass over the lines, unfolding
 * continuation lines, bounded by the {@link ParserSettings} limits. Much faster than a full MIME
 * parse, so that mails can be classified on their headers before any body is decoded.
 */
final class HeaderScanner {
    private static final byte[] MBOX_FROM = {'F', 'r', 'o', 'm', ' '};

    /** How lines are read into fields. */
    enum Reading {
        /**
         * As RFC 5322 writes a header block: a continuation line joins its field as it is (its
         * leading blanks kept), and the first line that is no header field ends the block.
         */
        MAIL,
        /**
         * As bounce readers (Sisimai) read the header blocks of a report and of the message it
         * returns: a line ends at a LF, a CRLF or a CR alone, each continuation line joins its
         * field stripped and after one space, a line that is no header field is skipped, and only
         * a blank line (or the byte limit) ends the block.
         */
        REPORT
    }

    private final ParserSettings settings;
    private final Reading reading;

    HeaderScanner(final ParserSettings settings) {
        this(settings, Reading.MAIL);
    }

    HeaderScanner(final ParserSettings settings, final Reading reading) {
        this.settings = settings;
        this.reading = reading;
    }

    /**
     * Scans the header block starting at {@code offset}.
     *
     * @throws MailParseException when no header field starts the block, or a limit is exceeded
     *                            under {@link ParserSettings#STRICT}
     */
    HeaderBlock scan(final byte[] data, final int offset, final int end) throws MailParseException {
        return block(data, offset, skipPreamble(data, offset, end), end);
    }

    /**
     * Scans the header block of a MIME body part starting at {@code offset}: as {@link #scan}, but
     * nothing is skipped, since a part that starts with a blank line has no header fields and its
     * body starts right after that line.
     */
    HeaderBlock scanPart(final byte[] data, final int offset, final int end) throws MailParseException {
        return block(data, offset, offset, end);
    }

    private HeaderBlock block(final byte[] data, final int offset, final int start, final int end)
            throws MailParseException {
        final List<HeaderField> fields = new ArrayList<>(32);
        final List<String> warnings = new ArrayList<>(0);
        final Field current = new Field();
        int pos = start;
        int ignored = 0;
        while (pos < end) {
            final int lineBreak = lineBreak(data, pos, end);
            final int next = lineBreak < 0 ? end : afterLineBreak(data, lineBreak, end);
            int lineEnd = lineBreak < 0 ? end : lineBreak;
            if (lineEnd > pos && data[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            if (pos - offset > settings.maxHeaderBytes()) {
                reject(
                        warnings,
                        "header block is longer than " + settings.maxHeaderBytes()
                                + " bytes; the rest is read as body");
                current.finish(fields, settings, warnings);
                return new HeaderBlock(fields, pos, warnings);
            }
            if (lineEnd == pos) {
                current.finish(fields, settings, warnings);
                return new HeaderBlock(fields, next, warnings);
            }
            final byte first = data[pos];
            if (first == ' ' || first == '\t') {
                if (current.isOpen()) {
                    current.fold(data, pos, lineEnd, reading);
                } else if (reading == Reading.MAIL && fields.isEmpty() && ignored == 0) {
                    throw new MailParseException("not a mail: it starts with a continuation line, not a header field");
                }
                pos = next;
                continue;
            }
            final int colon = nameEnd(data, pos, lineEnd);
            if (colon < 0 && reading == Reading.REPORT) {
                pos = next;
                continue;
            }
            if (colon < 0) {
                if (fields.isEmpty() && !current.isOpen() && ignored == 0) {
                    throw new MailParseException("not a mail: the first line is not a header field");
                }
                reject(warnings, "header block ended without a blank line");
                current.finish(fields, settings, warnings);
                return new HeaderBlock(fields, pos, warnings);
            }
            current.finish(fields, settings, warnings);
            if (fields.size() >= settings.maxHeaderCount()) {
                if (ignored++ == 0) {
                    reject(warnings, "more than " + settings.maxHeaderCount() + " header fields; the rest are ignored");
                }
            } else {
                current.open(data, pos, colon, lineEnd);
            }
            pos = next;
        }
        current.finish(fields, settings, warnings);
        return new HeaderBlock(fields, end, warnings);
    }

    private void reject(final List<String> warnings, final String problem) throws MailParseException {
        if (!settings.lenient()) {
            throw new MailParseException(problem);
        }
        warnings.add(problem);
    }

    /** Skips a UTF-8 byte order mark, leading blank lines and an mbox "From " line. */
    private int skipPreamble(final byte[] data, final int offset, final int end) {
        int pos = offset;
        if (end - pos >= 3
                && data[pos] == (byte) 0xEF
                && data[pos + 1] == (byte) 0xBB
                && data[pos + 2] == (byte) 0xBF) {
            pos += 3;
        }
        while (pos < end && (data[pos] == '\r' || data[pos] == '\n')) {
            pos++;
        }
        if (startsWith(data, pos, end, MBOX_FROM)) {
            final int lineBreak = lineBreak(data, pos, end);
            pos = lineBreak < 0 ? end : afterLineBreak(data, lineBreak, end);
        }
        return pos;
    }

    /** The index of the LF (or, read as a report, the CR) that ends the line at {@code pos}; -1 at the last line. */
    private int lineBreak(final byte[] data, final int pos, final int end) {
        if (reading == Reading.MAIL) {
            return indexOf(data, (byte) '\n', pos, end);
        }
        for (int i = pos; i < end; i++) {
            if (data[i] == '\n' || data[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** Where the next line starts after the line break at {@code lineBreak}. */
    private static int afterLineBreak(final byte[] data, final int lineBreak, final int end) {
        final boolean crlf = data[lineBreak] == '\r' && lineBreak + 1 < end && data[lineBreak + 1] == '\n';
        return crlf ? lineBreak + 2 : lineBreak + 1;
    }

    /** Index of the colon ending a valid field name on this line, or -1. */
    private static int nameEnd(final byte[] data, final int start, final int lineEnd) {
        for (int i = start; i < lineEnd; i++) {
            final byte b = data[i];
            if (b == ':') {
                return i > start ? i : -1;
            }
            if (b < 33 || b > 126) {
                // obsolete syntax allows whitespace between the name and the colon
                int j = i;
                while (j < lineEnd && (data[j] == ' ' || data[j] == '\t')) {
                    j++;
                }
                return j < lineEnd && data[j] == ':' && i > start ? j : -1;
            }
        }
        return -1;
    }

    static int indexOf(final byte[] data, final byte b, final int from, final int end) {
        for (int i = from; i < end; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code data[pos, end)} starts with {@code prefix}. */
    static boolean startsWith(final byte[] data, final int pos, final int end, final byte[] prefix) {
        return end - pos >= prefix.length && Arrays.equals(data, pos, pos + prefix.length, prefix, 0, prefix.length);
    }

    /** The field being read; most fields are one line and never copy their bytes. */
    private static final class Field {
        private String name;
        private byte[] data;
        private int valueStart;
        private int valueEnd;
        private ByteArrayOutputStream folded;

        boolean isOpen() {
            return name != null;
        }

        void open(final byte[] bytes, final int start, final int colon, final int lineEnd) {
            int nameEnd = colon;
            while (nameEnd > start && (bytes[nameEnd - 1] == ' ' || bytes[nameEnd - 1] == '\t')) {
                nameEnd--;
            }
            name = new String(bytes, start, nameEnd - start, StandardCharsets.ISO_8859_1);
            data = bytes;
            valueStart = colon + 1;
            valueEnd = lineEnd;
            folded = null;
        }

        void fold(final byte[] bytes, final int start, final int lineEnd, final Reading reading) {
            final boolean asIs = reading == Reading.MAIL;
            if (folded == null) {
                folded = new ByteArrayOutputStream(Math.max(64, (valueEnd - valueStart) * 2));
                folded.write(data, valueStart, (asIs ? valueEnd : trimBlanks(data, valueStart, valueEnd)) - valueStart);
            }
            if (asIs) {
                folded.write(bytes, start, lineEnd - start);
                return;
            }
            final int from = skipBlanks(bytes, start, lineEnd);
            folded.write(' ');
            folded.write(bytes, from, trimBlanks(bytes, from, lineEnd) - from);
        }

        /** The start of {@code bytes[from, to)} without the blanks it starts with. */
        private static int skipBlanks(final byte[] bytes, final int from, final int to) {
            int i = from;
            while (i < to && (bytes[i] == ' ' || bytes[i] == '\t')) {
                i++;
            }
            return i;
        }

        /** The end of {@code bytes[from, to)} without the blanks (and CR) it ends in. */
        private static int trimBlanks(final byte[] bytes, final int from, final int to) {
            int i = to;
            while (i > from && (bytes[i - 1] == ' ' || bytes[i - 1] == '\t' || bytes[i - 1] == '\r')) {
                i--;
            }
            return i;
        }

        void finish(final List<HeaderField> fields, final ParserSettings settings, final List<String> warnings)
                throws MailParseException {
            if (name == null) {
                return;
            }
            final byte[] bytes = folded == null ? data : folded.toByteArray();
            final int to = folded == null ? valueEnd : bytes.length;
            final int start = skipBlanks(bytes, folded == null ? valueStart : 0, to);
            int end = trimBlanks(bytes, start, to);
            if (end - start > settings.maxHeaderValueBytes()) {
                if (!settings.lenient()) {
                    throw new MailParseException(
                            "header " + name + " is longer than " + settings.maxHeaderValueBytes() + " bytes");
                }
                warnings.add("header " + name + " truncated to " + settings.maxHeaderValueBytes() + " bytes");
                end = start + settings.maxHeaderValueBytes();
            }
            fields.add(new HeaderField(name, MailCharsets.guess(bytes, start, end - start)));
            name = null;
            folded = null;
        }
    }
}
