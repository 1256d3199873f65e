package io.mailroute.topology;

import io.mailroute.avro.Lane;
import io.mailroute.avro.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The hostile-mail corpus of {@code src/test/resources/hostile}: mails written to stall, crash or
 * fool the topology, each with the outcome it must reach, listed in {@code expected.tsv}. Mails
 * over 16 KB are stored gzip-compressed ({@code .eml.gz}); none is over 1 MB uncompressed. Shared
 * with the ops integration tests through the topology's test jar.
 */
public final class HostileMails {
    /** The address of account {@link #ACCOUNT}, to which most of the corpus is sent. */
    public static final String ROOT = "aws-root@example.co.jp";

    public static final String ACCOUNT = "123456789012";
    /** The store inbox of account {@link #STORE_ACCOUNT}, to which the marketplace orders go. */
    public static final String STORE = "ne-001@shop.example.jp";

    public static final String STORE_ACCOUNT = "store-ne-001";
    /** An address that forged bounces name: it must never be suppressed. */
    public static final String CUSTOMER = "customer@example.co.jp";

    private static final String FOLDER = "/hostile/";

    private HostileMails() {}

    /**
     * One mail of the corpus.
     *
     * @param file     its file name
     * @param outcomes the terminal outcomes it may reach
     * @param lanes    the lanes it must reach, exactly (empty: none)
     * @param never    lanes it must never reach
     * @param attack   what it attacks
     */
    public record HostileMail(
            String file, byte[] bytes, Set<Outcome> outcomes, Set<Lane> lanes, Set<Lane> never, String attack) {
        /** The mail id it is sent under: its file name without extension. */
        public String mailId() {
            return file.replaceFirst("\\.eml(\\.gz)?$", "");
        }

        @Override
        public String toString() {
            return file;
        }
    }

    /** Every mail of the corpus, in the order of {@code expected.tsv}. */
    public static List<HostileMail> all() {
        final List<HostileMail> mails = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(open("expected.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                final String[] cells = line.split("\t", -1);
                final Set<Lane> lanes = EnumSet.noneOf(Lane.class);
                final Set<Lane> never = EnumSet.noneOf(Lane.class);
                for (final String lane : cells[2].split(",")) {
                    if (lane.startsWith("!")) {
                        never.add(Lane.valueOf(lane.substring(1)));
                    } else if (!lane.isEmpty()) {
                        lanes.add(Lane.valueOf(lane));
                    }
                }
                final Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
                Arrays.stream(cells[1].split("\\|")).map(Outcome::valueOf).forEach(outcomes::add);
                mails.add(new HostileMail(cells[0], read(cells[0]), outcomes, lanes, never, cells[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mails;
    }

    private static byte[] read(final String file) throws IOException {
        try (InputStream in = file.endsWith(".gz") ? new GZIPInputStream(open(file)) : open(file)) {
            return in.readAllBytes();
        }
    }

    private static InputStream open(final String file) {
        final InputStream in = HostileMails.class.getResourceAsStream(FOLDER + file);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + FOLDER + file);
        }
        return in;
    }
}
