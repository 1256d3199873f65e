package io.mailroute.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.Lane;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.OwnerOutcome;
import io.mailroute.avro.RetryMail;
import io.mailroute.topology.config.MailrouteConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: whatever bytes arrive, every mail reaches exactly one terminal outcome per owner,
 * exactly one status, and nothing is thrown out of the topology; every error is classified by the
 * stage it happens in (no exception reaches the handler) and every dead letter says where the raw
 * mail is. Inputs are the golden mails mangled by a seeded random: truncation, byte flips, broken
 * boundaries, NULs, huge headers, bare LFs.
 */
class MalformedMailPropertyTest {
    private static final long SEED = 20261120L;
    private static final int MUTANTS_PER_MAIL = 12;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"LENIENT", "STRICT"})
    void shouldGiveEveryMangledMailExactlyOneOutcomePerOwner(final String profile) throws IOException {
        final Random random = new Random(SEED);
        try (TestPipeline pipeline = new TestPipeline(
                "MalformedMailPropertyTest-" + profile,
                Map.of(MailrouteConfig.PARSER_PROFILE_CONFIG, profile),
                TopologyServices.inlineOnly())) {
            GoldenMailsTest.ACCOUNTS.forEach(a -> pipeline.addAccount(a[0], a[1], a[2]));
            int checked = 0;
            for (final Path file : goldenMails()) {
                final byte[] original = Files.readAllBytes(file);
                for (int i = 0; i < MUTANTS_PER_MAIL; i++) {
                    final Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
                    final byte[] mangled = mutation.apply(original, random);
                    final String mailId = file.getFileName() + "#" + i + "-" + mutation;

                    // when
                    assertThatCode(() -> pipeline.send(TestPipeline.inline(mailId, mangled)))
                            .as(mailId)
                            .doesNotThrowAnyException();

                    // then
                    assertOneOutcomePerOwner(mailId, pipeline.drainAll());
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(goldenMails().size() * MUTANTS_PER_MAIL);
        }
    }

    private static List<Path> goldenMails() throws IOException {
        try (Stream<Path> files = Files.list(GoldenMailsTest.MAILS)) {
            return files.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
    }

    private static String firstBounceTicket(final List<ClassifiedMail> lanes, final String ownerId) {
        return lanes.stream()
                .filter(m -> Objects.equals(m.getOwnerId(), ownerId)
                        && m.getTicketKey() != null
                        && m.getTicketKey().startsWith("bounce:"))
                .map(ClassifiedMail::getTicketKey)
                .findFirst()
                .orElse(null);
    }

    private static void assertOneOutcomePerOwner(final String mailId, final List<TestPipeline.Written> written) {
        final List<MailStatus> statuses = values(written, MailStatus.class);
        final List<ClassifiedMail> lanes = values(written, ClassifiedMail.class);
        final List<RetryMail> retries = values(written, RetryMail.class);
        final List<DeadLetter> deadLetters = values(written, DeadLetter.class);
        assertThat(statuses).as("status of %s", mailId).hasSize(1);
        final MailStatus status = statuses.get(0);
        assertThat(status.getMailId()).isEqualTo(mailId);
        assertThat(status.getOwners())
                .as("owners of %s", mailId)
                .isNotEmpty()
                .extracting(OwnerOutcome::getOwnerId)
                .doesNotHaveDuplicates();
        assertThat(lanes)
                .as("lane records of %s", mailId)
                .allSatisfy(m -> assertThat(m.getMailId()).isEqualTo(mailId));
        switch (status.getOutcome()) {
            case ROUTED, QUARANTINED -> {
                for (final OwnerOutcome owner : status.getOwners()) {
                    // the bounce stage opens one ticket per bounced address: a mangled DSN may name several
                    final List<Lane> written1 = lanes.stream()
                            .filter(m -> Objects.equals(m.getOwnerId(), owner.getOwnerId()))
                            .filter(m -> m.getTicketKey() == null
                                    || !m.getTicketKey().startsWith("bounce:")
                                    || m.getTicketKey().equals(firstBounceTicket(lanes, owner.getOwnerId())))
                            .map(ClassifiedMail::getLane)
                            .toList();
                    assertThat(written1)
                            .as("lanes of %s for %s", mailId, owner.getOwnerId())
                            .containsExactlyInAnyOrderElementsOf(owner.getLanes());
                }
                assertThat(retries).isEmpty();
                assertThat(deadLetters).isEmpty();
            }
            case RECORDED -> assertThat(lanes).isEmpty();
            case RETRY_PENDING -> {
                assertThat(retries).as("retry of %s", mailId).hasSize(1);
                assertThat(lanes).isEmpty();
                assertThat(deadLetters).isEmpty();
            }
            case DEAD_LETTERED -> {
                assertThat(deadLetters).as("dead letter of %s", mailId).hasSize(1);
                assertThat(lanes).isEmpty();
                assertThat(retries).isEmpty();
                final DeadLetter dead = deadLetters.get(0);
                assertThat(dead.getStage()).isNotNull();
                assertThat(dead.getErrorClass())
                        .as("errors are classified in their stage, not by the handler")
                        .startsWith("mailroute:");
                assertThat(dead.getMessage()).isNotBlank();
                assertThat(dead.getRaw().getKey()).isEqualTo(mailId);
                assertThat(dead.getRaw().getTopic()).isEqualTo("mail.raw");
            }
            default -> throw new AssertionError("unexpected outcome " + status.getOutcome() + " of " + mailId);
        }
    }

    private static <V> List<V> values(final List<TestPipeline.Written> written, final Class<V> type) {
        return written.stream()
                .map(w -> w.record().value())
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** Ways real mail gets mangled. */
    private enum Mutation {
        TRUNCATE {
            @Override
            byte[] apply(final byte[] mail, final Random random) {
                return Arrays.copyOf(mail, random.nextInt(mail.length + 1));
            }
        },
        FLIP_BYTES {
            @Override
            byte[] apply(final byte[] mail, final Random random) {
                final byte[] copy = mail.clone();
                for (int i = 1 + random.nextInt(20); i > 0 && copy.length > 0; i--) {
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                }
                return copy;
            }
        },
        BREAK_BOUNDARIES {
            @Override
            byte[] apply(final byte[] mail, final Random random) {
                final String text = new String(mail, StandardCharsets.ISO_8859_1);
                final String broken = random.nextBoolean()
                        ? text.replaceAll(
                                "(?i)boundary=\"?([^\"\\r\\n;]+)\"?", "boundary=\"x" + random.nextInt(1000) + "\"")
                        : text.replaceAll("\r?\n--[^\r\n]*--", "");
                return broken.getBytes(StandardCharsets.ISO_8859_1);
            }
        },
        INSERT_NULS {
            @Override
            byte[] apply(final byte[] mail, final Random random) {
                final ByteArrayOutputStream out = new ByteArrayOutputStream(mail.length + 64);
                for (final byte b : mail) {
                    out.write(b);
                    if (random.nextInt(50) == 0) {
                        out.write(0);
                    }
                }
                return out.toByteArray();
            }
        },
        HUGE_HEADER {
            @Override
            byte[] apply(final byte[] mail, final Random random) {
                final String header = random.nextBoolean()
                        ? "X-Huge: " + "a".repeat(200_000) + "\r\n"
                        : "X-Many: 1\r\n".repeat(3_000);
                final byte[] prefix = header.getBytes(StandardCharsets.US_ASCII);
                final byte[] out = Arrays.copyOf(prefix, prefix.length + mail.length);
                System.arraycopy(mail, 0, out, prefix.length, mail.length);
                return out;
            }
        },
        BARE_LINE_FEEDS {
            @Override
            byte[] apply(final byte[] mail, final Random random) {
                final List<Byte> out = new ArrayList<>(mail.length);
                for (final byte b : mail) {
                    if (b != '\r') {
                        out.add(b);
                    }
                }
                final byte[] bytes = new byte[out.size()];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = out.get(i);
                }
                return bytes;
            }
        };

        abstract byte[] apply(byte[] mail, Random random);
    }
}
