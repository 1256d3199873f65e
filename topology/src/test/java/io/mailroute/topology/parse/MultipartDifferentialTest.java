package io.mailroute.topology.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.mailroute.topology.bouncereport.SisimaiCorpus;
import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds {@link MultipartSplitter} to Angus Mail's {@link MimeMultipart}, which the walker used
 * before: the top-level multipart of each mail must split into the same parts, byte for byte, and
 * where Angus gives up the walker must warn instead of failing. Inputs are the Sisimai corpus, the
 * test mails and seeded mangled variants of them.
 */
class MultipartDifferentialTest {
    private static final long SEED = 20261123L;
    private static final int MUTANTS_PER_TEST_MAIL = 100;
    /** Four, so that the development half alone still gives more than a thousand multiparts to compare. */
    private static final int MUTANTS_PER_CORPUS_MAIL = 4;

    private static final Path[] TEST_MAILS = {
        Path.of("src/test/resources/mails"),
        Path.of("src/test/resources/bounces"),
        Path.of("src/test/resources/bounces/rules")
    };
    private static final MailParser WALKER = new MailParser(ParserSettings.LENIENT);
    private static final HeaderScanner SCANNER = new HeaderScanner(ParserSettings.LENIENT);

    @Test
    void shouldSplitTheTestMailsAndTheirMangledVariantsLikeAngus() throws IOException, MailParseException {
        final Random random = new Random(SEED);
        final Tally tally = new Tally();
        for (final Path dir : TEST_MAILS) {
            for (final byte[] mail : mails(dir, file -> true)) {
                tally.compare(mail);
                for (int i = 0; i < MUTANTS_PER_TEST_MAIL; i++) {
                    tally.compare(Mutation.any(random).apply(mail, random));
                }
            }
        }
        System.out.println("MultipartDifferentialTest: test mails " + tally);
        assertThat(tally.mismatches).isEmpty();
        assertThat(tally.compared).isGreaterThan(1_000);
    }

    @Test
    void shouldSplitTheSisimaiCorpusAndItsMangledVariantsLikeAngus() throws IOException, MailParseException {
        final Path corpus = SisimaiCorpus.require();
        final Random random = new Random(SEED);
        final Tally tally = new Tally();
        final List<byte[]> mails = new ArrayList<>();
        for (final String dir : new String[] {"maildir", "mailbox", "to-be-debugged-because"}) {
            // the development half only: the held-out half stays unread
            mails.addAll(mails(corpus.resolve(dir), file -> SisimaiCorpus.isDevelopment(corpus, file)));
        }
        for (final byte[] mail : mails) {
            tally.compare(mail);
            for (int i = 0; i < MUTANTS_PER_CORPUS_MAIL; i++) {
                tally.compare(Mutation.any(random).apply(mail, random));
            }
        }
        System.out.println("MultipartDifferentialTest: Sisimai corpus (" + mails.size() + " files) " + tally);
        assertThat(tally.mismatches).isEmpty();
        assertThat(tally.compared).isGreaterThan(1_000);
    }

    private static List<byte[]> mails(final Path dir, final Predicate<Path> read) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            final List<byte[]> mails = new ArrayList<>();
            for (final Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.toString().endsWith(".json"))
                    .filter(read)
                    .sorted()
                    .toList()) {
                mails.add(Files.readAllBytes(file));
            }
            return mails;
        }
    }

    /** Counts what was compared and holds each comparison to Angus. */
    private static final class Tally {
        private int mails;
        private int compared;
        private int parts;
        private int angusFailed;
        private int angusUnreadable;
        private int identical;
        private int explained;
        private final List<String> mismatches = new ArrayList<>();

        void compare(final byte[] raw) throws MailParseException {
            mails++;
            final HeaderBlock top;
            try {
                top = SCANNER.scan(raw, 0, raw.length);
            } catch (MailParseException notAMail) {
                return;
            }
            final MimeHeaderValue type =
                    MimeHeaderValue.parse(top.first("Content-Type").orElse(null), "text/plain");
            if (!type.primaryType().equals("multipart")) {
                return;
            }
            compared++;
            final MultipartSplitter.Split ours =
                    MultipartSplitter.split(raw, top.bodyOffset(), raw.length, MimeWalk.boundary(type));
            if (!Angus.readsType(type)) {
                // the old walker handed Angus a type it could not parse (a damaged value before the ';'): it read no
                // parts
                angusUnreadable++;
                assertThatCode(() -> WALKER.parse(raw).body()).doesNotThrowAnyException();
                return;
            }
            final List<MultipartSplitter.Part> angus;
            try {
                angus = Angus.split(raw, top.bodyOffset(), type);
            } catch (MessagingException e) {
                angusFailed++;
                assertThat(ours.parts())
                        .as("parts where Angus fails with %s", e)
                        .isEmpty();
                assertThat(ours.delimiterFound()).isFalse();
                assertThat(WALKER.parse(raw).body().warnings()).anyMatch(w -> w.contains("no boundary delimiter line"));
                return;
            }
            parts += angus.size();
            if (angus.equals(ours.parts())) {
                identical++;
            } else if (Angus.explain(raw, ours.parts(), angus).equals(ours.parts())) {
                explained++;
            } else {
                mismatches.add(describe(raw, top.bodyOffset(), ours.parts(), angus));
            }
            assertThatCode(() -> WALKER.parse(raw).body()).doesNotThrowAnyException();
        }

        @Override
        public String toString() {
            return mails + " mails, " + compared + " multiparts compared (" + parts + " parts): " + identical
                    + " split identically, "
                    + explained + " as the RFC reads where Angus departs from it, " + angusFailed
                    + " without a delimiter line for both"
                    + ", " + angusUnreadable + " with a type Angus could not read";
        }
    }

    private static String describe(
            final byte[] raw,
            final int bodyOffset,
            final List<MultipartSplitter.Part> ours,
            final List<MultipartSplitter.Part> angus) {
        final String text = new String(raw, StandardCharsets.ISO_8859_1);
        return "body from " + bodyOffset + ": ours " + ours + " angus " + angus + "\n"
                + text.substring(bodyOffset, Math.min(text.length(), bodyOffset + 1500));
    }

    /** Angus Mail's split of a multipart, as ranges of the mail bytes. */
    private static final class Angus {
        private Angus() {}

        static List<MultipartSplitter.Part> split(final byte[] raw, final int bodyOffset, final MimeHeaderValue type)
                throws MessagingException {
            final List<MultipartSplitter.Part> ranges = new ArrayList<>();
            final RangeStream body = new RangeStream(raw, bodyOffset, raw.length - bodyOffset);
            final MimeMultipart multipart = new MimeMultipart(new Source(angusType(type), body)) {
                @Override
                protected MimeBodyPart createMimeBodyPart(final InputStream part) {
                    final RangeStream range = (RangeStream) part;
                    ranges.add(new MultipartSplitter.Part(
                            range.absoluteStart(), range.absoluteStart() + range.available()));
                    return new MimeBodyPart();
                }
            };
            multipart.getCount();
            return ranges;
        }

        /**
         * Angus' parts with its known departures from RFC 2046 replaced by the RFC reading, so
         * that what is left to compare is our split.
         */
        static List<MultipartSplitter.Part> explain(
                final byte[] raw, final List<MultipartSplitter.Part> ours, final List<MultipartSplitter.Part> angus) {
            final List<MultipartSplitter.Part> explained = new ArrayList<>(ours.size());
            int next = 0;
            for (final MultipartSplitter.Part part : angus) {
                int j = next;
                while (j < ours.size() && ours.get(j).start() != part.start()) {
                    j++;
                }
                if (j == ours.size()) {
                    explained.add(part);
                    continue;
                }
                // Angus reads a part's header block up to the first blank line, over delimiter lines in it
                int last = j;
                while (last + 1 < ours.size()
                        && ours.get(last).end() < part.end()
                        && readsOverTheNextDelimiter(raw, ours.get(last))) {
                    last++;
                }
                final MultipartSplitter.Part lastOurs = ours.get(last);
                // RFC 2046 5.1.1 gives the line break before a delimiter to the delimiter; Angus keeps it when the
                // delimiter follows the header block
                final boolean keptLineBreak = lastOurs.end() < part.end()
                        && part.end() - lastOurs.end() <= 2
                        && isLineBreak(raw, lastOurs.end(), part.end())
                        && headerBlockEnd(raw, lastOurs.start(), part.end()) == part.end();
                if (lastOurs.end() == part.end() || keptLineBreak) {
                    explained.addAll(ours.subList(j, last + 1));
                    next = last + 1;
                } else {
                    explained.add(part);
                    next = j + 1;
                }
            }
            // Angus drops a last part whose header block runs to the end, over any delimiter lines in it
            if (next < ours.size() && headerBlockEnd(raw, ours.get(next).start(), raw.length) < 0) {
                explained.addAll(ours.subList(next, ours.size()));
            }
            return explained;
        }

        /** True when Angus' header block of {@code part} runs past the delimiter line that ends it. */
        private static boolean readsOverTheNextDelimiter(final byte[] raw, final MultipartSplitter.Part part) {
            int delimiter = part.end();
            while (raw[delimiter] != '-') {
                delimiter++;
            }
            final int headerEnd = headerBlockEnd(raw, part.start(), raw.length);
            return headerEnd < 0 || headerEnd > delimiter;
        }

        private static boolean isLineBreak(final byte[] raw, final int from, final int to) {
            final String text = new String(raw, from, to - from, StandardCharsets.ISO_8859_1);
            return text.equals("\r\n") || text.equals("\n") || text.equals("\r");
        }

        /** Where the header block of a part ends, read line by line as Angus does, or -1. */
        private static int headerBlockEnd(final byte[] raw, final int start, final int end) {
            int pos = start;
            while (pos < end) {
                int lineEnd = pos;
                while (lineEnd < end && raw[lineEnd] != '\n' && raw[lineEnd] != '\r') {
                    lineEnd++;
                }
                if (lineEnd == end) {
                    return -1;
                }
                int next = lineEnd + 1;
                if (raw[lineEnd] == '\r' && next < end && raw[next] == '\n') {
                    next++;
                }
                if (lineEnd == pos) {
                    return next;
                }
                pos = next;
            }
            return -1;
        }

        static boolean readsType(final MimeHeaderValue type) {
            try {
                new ContentType(angusType(type));
                return true;
            } catch (ParseException e) {
                return false;
            }
        }

        /** The Content-Type the walker gave Angus: only the boundary, cleanly quoted. */
        private static String angusType(final MimeHeaderValue type) {
            final String boundary = type.parameter("boundary");
            if (boundary == null || boundary.isEmpty()) {
                return type.value();
            }
            return type.value() + "; boundary=\""
                    + boundary.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }

    /** A shared stream over the mail bytes that knows where in them its parts start. */
    private static final class RangeStream extends SharedByteArrayInputStream {
        RangeStream(final byte[] buf, final int offset, final int length) {
            super(buf, offset, length);
        }

        int absoluteStart() {
            return start;
        }

        @Override
        public InputStream newStream(final long from, final long to) {
            final int end = to < 0 ? count - start : (int) to;
            return new RangeStream(buf, start + (int) from, end - (int) from);
        }
    }

    private record Source(String contentType, InputStream content) implements DataSource {
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

    /** Ways mail gets mangled, aimed at the multipart structure. */
    private enum Mutation {
        TRUNCATE {
            @Override
            byte[] apply(final byte[] mail, final Random random) {
                return Arrays.copyOf(mail, random.nextInt(mail.length + 1));
            }
        },
        TRUNCATE_AFTER_A_DELIMITER {
            @Override
            byte[] apply(final byte[] mail, final Random random) {
                final String text = latin1(mail);
                final int dashes = text.indexOf("\n--", random.nextInt(text.length() + 1));
                if (dashes < 0) {
                    return mail;
                }
                return Arrays.copyOf(mail, Math.min(mail.length, dashes + 3 + random.nextInt(80)));
            }
        },
        FLIP_BITS {
            @Override
            byte[] apply(final byte[] mail, final Random random) {
                final byte[] copy = mail.clone();
                for (int i = 1 + random.nextInt(8); i > 0 && copy.length > 0; i--) {
                    copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return copy;
            }
        },
        DAMAGE_DELIMITERS {
            @Override
            byte[] apply(final byte[] mail, final Random random) {
                final String text = latin1(mail);
                final String damaged = switch (random.nextInt(4)) {
                    case 0 -> text.replaceAll("\r?\n(--[^\r\n]*--)", "\n$1 trailing text");
                    case 1 -> text.replaceAll("(\n--[^\r\n]+)\r?\n", "$1 \t\r\n");
                    case 2 -> text.replaceAll("(?i)boundary=\"?([^\"\\r\\n;]+)\"?", "x-boundary=\"$1\"");
                    default -> text.replaceAll("\r?\n\r?\n--", "\n--");
                };
                return damaged.getBytes(StandardCharsets.ISO_8859_1);
            }
        },
        BARE_LINE_FEEDS {
            @Override
            byte[] apply(final byte[] mail, final Random random) {
                return latin1(mail).replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
            }
        };

        abstract byte[] apply(byte[] mail, Random random);

        static Mutation any(final Random random) {
            return values()[random.nextInt(values().length)];
        }

        private static String latin1(final byte[] mail) {
            return new String(mail, StandardCharsets.ISO_8859_1);
        }
    }
}
