package io.mailroute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.Bounce;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Lane;
import io.mailroute.avro.MailStatus;
import io.mailroute.topology.HostileMails.HostileMail;
import io.mailroute.topology.config.MailrouteConfig;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-mail corpus through the topology, one mail after another on one stream thread (the
 * test driver's): each is done within the per-mail budget plus a margin, reaches the terminal
 * outcome and lanes its line in {@code expected.tsv} names, and none of them suppresses an address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileMailsTest {
    private static final Duration BOUND =
            Duration.ofMillis(MailrouteConfig.MAIL_BUDGET_MS_DEFAULT).plusSeconds(1);
    private static final Set<Lane> LANES = EnumSet.of(Lane.NOTIFY, Lane.TICKET, Lane.ORDER_IMPORT, Lane.QUARANTINE);

    private TestPipeline pipeline;

    @BeforeAll
    void start() {
        pipeline = new TestPipeline("HostileMailsTest");
        pipeline.addAccount(HostileMails.ACCOUNT, HostileMails.ROOT, "Prod");
        pipeline.addAccount(HostileMails.STORE_ACCOUNT, HostileMails.STORE, "Store ne-001");
    }

    @AfterAll
    void stop() {
        pipeline.close();
    }

    static List<HostileMail> corpus() {
        return HostileMails.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldReachItsOutcomeWithinTheBoundAndSuppressNothing(final HostileMail mail) {
        // when
        final long started = System.nanoTime();
        pipeline.send(TestPipeline.inline(mail.mailId(), mail.bytes()));
        final Duration took = Duration.ofNanos(System.nanoTime() - started);
        final List<TestPipeline.Written> written = pipeline.drainAll();
        System.out.printf("hostile %-48s %8d bytes %6d ms%n", mail.file(), mail.bytes().length, took.toMillis());

        // then
        assertThat(took)
                .as("time %s held the stream thread (%s)", mail, mail.attack())
                .isLessThan(BOUND);
        final MailStatus status = written.stream()
                .map(w -> w.record().value())
                .filter(MailStatus.class::isInstance)
                .map(MailStatus.class::cast)
                .filter(s -> s.getMailId().equals(mail.mailId()))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(status.getOutcome())
                .as("outcome of %s (%s): %s", mail, mail.attack(), status.getOwners())
                .isIn(mail.outcomes());
        final List<ClassifiedMail> onLanes = written.stream()
                .map(w -> w.record().value())
                .filter(ClassifiedMail.class::isInstance)
                .map(ClassifiedMail.class::cast)
                .filter(c -> c.getMailId().equals(mail.mailId()))
                .toList();
        final Set<Lane> lanes = EnumSet.noneOf(Lane.class);
        onLanes.stream().map(ClassifiedMail::getLane).filter(LANES::contains).forEach(lanes::add);
        if (!mail.lanes().isEmpty() || mail.never().isEmpty()) {
            assertThat(lanes).as("lanes of %s (%s)", mail, mail.attack()).isEqualTo(mail.lanes());
        }
        mail.never()
                .forEach(lane ->
                        assertThat(lanes).as("lanes %s must never reach", mail).doesNotContain(lane));
        for (final ClassifiedMail classified : onLanes) {
            assertThat(classified.getBounces())
                    .as("bounces of %s", mail)
                    .hasSizeLessThanOrEqualTo(100)
                    .allSatisfy(bounce -> assertThat(diagnostic(bounce)).hasSizeLessThanOrEqualTo(1_000));
        }
        assertThat(written)
                .as("suppressions after %s", mail)
                .noneMatch(w -> w.topic().equals(pipeline.topics.suppressions().name()));
    }

    private static String diagnostic(final Bounce bounce) {
        return bounce.getDiagnostic() == null ? "" : bounce.getDiagnostic();
    }
}
