package io.mailroute.topology.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the body parts of one multipart body in the mail bytes by its RFC 2046 delimiter lines,
 * in one pass that compares the boundary only at line starts. Parts are ranges of the same array
 * (headers and body), never copies. Broken input is read the way Angus Mail reads it: without a
 * close delimiter the last part runs to the end, and without a boundary parameter the first line
 * starting with "--" is taken as the delimiter.
 */
final class MultipartSplitter {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DASH = '-';

    private MultipartSplitter() {}

    /** One body part: its header block and body, {@code start} inclusive, {@code end} exclusive. */
    record Part(int start, int end) {}

    /**
     * The parts of a multipart body.
     *
     * @param parts          the parts in order; a last part cut off before its header block ended is left out
     * @param delimiterFound false when no delimiter line opens a part (or a close delimiter comes first)
     * @param closed         true when the close delimiter was seen
     */
    record Split(List<Part> parts, boolean delimiterFound, boolean closed) {
        Split {
            parts = List.copyOf(parts);
        }
    }

    /**
     * Splits {@code data[start, end)}.
     *
     * @param boundary the boundary parameter's bytes, or null (or empty) to take it from the first
     *                 line starting with "--"
     */
    static Split split(final byte[] data, final int start, final int end, final byte[] boundary) {
        final byte[] dashBoundary;
        int lineStart = start;
        if (boundary == null || boundary.length == 0) {
            lineStart = firstDashLine(data, start, end);
            if (lineStart < 0) {
                return new Split(List.of(), false, false);
            }
            dashBoundary = Arrays.copyOfRange(data, lineStart, trimEnd(data, lineStart, lineEnd(data, lineStart, end)));
        } else {
            dashBoundary = new byte[boundary.length + 2];
            dashBoundary[0] = DASH;
            dashBoundary[1] = DASH;
            System.arraycopy(boundary, 0, dashBoundary, 2, boundary.length);
        }
        final List<Part> parts = new ArrayList<>(4);
        int partStart = -1;
        while (lineStart < end) {
            if (data[lineStart] == DASH && HeaderScanner.startsWith(data, lineStart, end, dashBoundary)) {
                final int after = lineStart + dashBoundary.length;
                if (isClose(data, after, end)) {
                    if (partStart >= 0) {
                        parts.add(new Part(partStart, lineStart - eolBefore(data, partStart, lineStart)));
                    }
                    return new Split(parts, partStart >= 0, true);
                }
                final int next = delimiterLineEnd(data, after, end);
                if (next >= 0) {
                    if (partStart >= 0) {
                        parts.add(new Part(partStart, lineStart - eolBefore(data, partStart, lineStart)));
                    }
                    partStart = next;
                    lineStart = next;
                    continue;
                }
            }
            lineStart = nextLineStart(data, lineStart, end);
        }
        if (partStart < 0) {
            return new Split(List.of(), false, false);
        }
        if (hasBlankLine(data, partStart, end)) {
            parts.add(new Part(partStart, end));
        }
        return new Split(parts, true, false);
    }

    /** The index of the next CR or LF from {@code pos}, or {@code end}. */
    private static int lineEnd(final byte[] data, final int pos, final int end) {
        for (int i = pos; i < end; i++) {
            final byte b = data[i];
            if (b == LF || b == CR) {
                return i;
            }
        }
        return end;
    }

    private static int nextLineStart(final byte[] data, final int pos, final int end) {
        final int lineEnd = lineEnd(data, pos, end);
        return lineEnd < end ? lineEnd + 1 : end;
    }

    private static boolean isClose(final byte[] data, final int after, final int end) {
        return end - after >= 2 && data[after] == DASH && data[after + 1] == DASH;
    }

    /** After the boundary: transport padding then a line end; the index after it, or -1 when this is no delimiter. */
    private static int delimiterLineEnd(final byte[] data, final int after, final int end) {
        int i = after;
        while (i < end && (data[i] == ' ' || data[i] == '\t')) {
            i++;
        }
        if (i == end) {
            return -1;
        }
        if (data[i] == LF) {
            return i + 1;
        }
        if (data[i] == CR) {
            return i + 1 < end && data[i + 1] == LF ? i + 2 : i + 1;
        }
        return -1;
    }

    /** Length of the line break before a delimiter at {@code pos}, which belongs to the delimiter, not the part. */
    private static int eolBefore(final byte[] data, final int partStart, final int pos) {
        if (pos == partStart) {
            return 0;
        }
        return data[pos - 1] == LF && pos - 2 >= partStart && data[pos - 2] == CR ? 2 : 1;
    }

    /**
     * The first line starting with "--" that is not a row of dashes (more likely a rule in the
     * preamble), or -1.
     */
    private static int firstDashLine(final byte[] data, final int start, final int end) {
        int lineStart = start;
        while (lineStart < end) {
            final int trimmed = trimEnd(data, lineStart, lineEnd(data, lineStart, end));
            final int length = trimmed - lineStart;
            if (length > 2
                    && data[lineStart] == DASH
                    && data[lineStart + 1] == DASH
                    && !(length > 4 && allDashes(data, lineStart, trimmed))) {
                return lineStart;
            }
            lineStart = nextLineStart(data, lineStart, end);
        }
        return -1;
    }

    private static int trimEnd(final byte[] data, final int from, final int to) {
        int i = to;
        while (i > from && (data[i - 1] == ' ' || data[i - 1] == '\t')) {
            i--;
        }
        return i;
    }

    private static boolean allDashes(final byte[] data, final int from, final int to) {
        for (int i = from; i < to; i++) {
            if (data[i] != DASH) {
                return false;
            }
        }
        return true;
    }

    /** True when the part's header block ends before {@code end}: some line in it is empty. */
    private static boolean hasBlankLine(final byte[] data, final int from, final int end) {
        for (int i = from; i < end; i++) {
            final byte b = data[i];
            if ((b == LF || b == CR) && (i == from || data[i - 1] == LF || (data[i - 1] == CR && b == CR))) {
                return true;
            }
        }
        return false;
    }
}
