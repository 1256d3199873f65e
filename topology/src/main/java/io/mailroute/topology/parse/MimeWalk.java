package io.mailroute.topology.parse;

import io.mailroute.topology.budget.MailBudget;
import java.io.IOException;
import java.util.List;

/**
 * Walks the MIME tree of one mail over the mail bytes (parts are ranges of the same array, never
 * copies), within the {@link ParserSettings} limits (parts, nesting), and hands every part that
 * is no multipart to a {@link Visitor}. Multiparts are split by {@link MultipartSplitter}, part
 * headers read by {@link HeaderScanner}. What it tolerates becomes a warning; under
 * {@link ParserSettings#STRICT} it is a {@link MailParseException} instead. One walk per mail;
 * not thread-safe.
 */
final class MimeWalk {
    /** What a walk does with the parts it finds. */
    interface Visitor {
        /**
         * A multipart, before its parts are walked.
         *
         * @param split false when no delimiter line was found: none of its parts is walked
         */
        default void multipart(final MimeHeaderValue type, final boolean split) {}

        /** A part that is no multipart (the mail itself when it is none). */
        void leaf(MimePart part) throws IOException;
    }

    private static final String DEFAULT_TYPE = "text/plain";

    private final ParserSettings settings;
    private final HeaderScanner scanner;
    private final byte[] raw;
    private final List<String> warnings;
    private int parts;

    /**
     * @param reading  how the header blocks of parts are read
     * @param raw      the mail bytes
     * @param warnings where what was tolerated is added
     */
    MimeWalk(
            final ParserSettings settings,
            final HeaderScanner.Reading reading,
            final byte[] raw,
            final List<String> warnings) {
        this.settings = settings;
        this.scanner = new HeaderScanner(settings, reading);
        this.raw = raw;
        this.warnings = warnings;
    }

    /** Walks the body of the mail whose top-level headers are {@code top}. */
    void walk(final HeaderBlock top, final Visitor visitor) throws IOException, MailParseException {
        entity(top, top.bodyOffset(), raw.length, 0, visitor);
    }

    /** One entity (the mail or a body part) with {@code headers} and the body {@code raw[start, end)}. */
    private void entity(
            final HeaderBlock headers, final int start, final int end, final int depth, final Visitor visitor)
            throws IOException, MailParseException {
        if (++parts > settings.maxParts()) {
            tolerate("more than " + settings.maxParts() + " body parts; the rest are skipped");
            return;
        }
        final MimeHeaderValue type =
                MimeHeaderValue.parse(headers.first("Content-Type").orElse(null), DEFAULT_TYPE);
        if (type.primaryType().equals("multipart")) {
            multipart(type, start, end, depth, visitor);
            return;
        }
        visitor.leaf(new MimePart(raw, headers, type, start, end, settings.lenient()));
    }

    private void multipart(
            final MimeHeaderValue type, final int start, final int end, final int depth, final Visitor visitor)
            throws IOException, MailParseException {
        if (depth >= settings.maxPartDepth()) {
            tolerate("multipart nested deeper than " + settings.maxPartDepth() + "; skipped");
            return;
        }
        final MultipartSplitter.Split split = MultipartSplitter.split(raw, start, end, boundary(type));
        visitor.multipart(type, split.delimiterFound());
        if (!split.delimiterFound()) {
            tolerate("body could not be read completely: " + type.value() + " has no boundary delimiter line");
            return;
        }
        for (final MultipartSplitter.Part part : split.parts()) {
            MailBudget.check();
            final HeaderBlock headers = partHeaders(part);
            entity(headers, headers.bodyOffset(), part.end(), depth + 1, visitor);
            if (parts > settings.maxParts()) {
                return;
            }
        }
    }

    /**
     * The part's header block. Read as a report is, it runs to the first blank line. Read as a
     * mail is, when its first line is not a header field but the next line is, the first one is
     * taken for a damaged field and skipped; otherwise a part that does not start with a header
     * field has none, and is all body.
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

    private void tolerate(final String problem) throws MailParseException {
        if (!settings.lenient()) {
            throw new MailParseException(problem);
        }
        warnings.add(problem);
    }
}
