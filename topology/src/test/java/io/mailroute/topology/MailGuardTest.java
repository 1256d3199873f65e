package io.mailroute.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.Outcome;
import io.mailroute.avro.Stage;
import io.mailroute.topology.bouncereport.BounceDetector;
import io.mailroute.topology.bouncereport.DetectedBounces;
import io.mailroute.topology.budget.BudgetExceededException;
import io.mailroute.topology.budget.MailBudget;
import io.mailroute.topology.config.MailrouteConfig;
import io.mailroute.topology.fetch.MailBodyStore;
import io.mailroute.topology.intake.IntakeStage;
import io.mailroute.topology.parse.ParsedMail;
import java.util.Map;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One mail cannot hold or kill a stream thread: over its budget, overflowing the stack, or having
 * killed two threads already, it becomes its own dead letter and the next mail is routed.
 */
class MailGuardTest {
    private static final String ROOT = "aws-root@example.co.jp";
    private static final String ACCOUNT = "123456789012";
    private static final long BUDGET_MS = 200;

    private TestPipeline pipeline;

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    void shouldDeadLetterAMailThatOverrunsItsBudgetAndRouteTheNext() {
        // given: bounce detection that never ends on one mail, but checks the budget as mail work does
        start((raw, parsed) -> {
            while (isHostile(parsed)) {
                MailBudget.check();
            }
            return DetectedBounces.NONE;
        });

        // when
        final long started = System.nanoTime();
        pipeline.send(TestPipeline.inline("m-slow", hostile()));
        final long heldMillis = (System.nanoTime() - started) / 1_000_000;
        pipeline.send(TestPipeline.inline("m-1", TestMails.awsBilling(ROOT)));

        // then
        final DeadLetter dead = pipeline.dlq.readValue();
        assertThat(dead.getMailId()).isEqualTo("m-slow");
        assertThat(dead.getErrorClass()).isEqualTo("mailroute:budget-exceeded");
        assertThat(dead.getStage()).isEqualTo(Stage.CLASSIFY);
        assertThat(dead.getMessage()).contains("budget of " + BUDGET_MS + " ms");
        assertThat(dead.getRaw().getKey()).isEqualTo("m-slow");
        assertThat(heldMillis).isBetween(BUDGET_MS, BUDGET_MS + 5_000);
        assertThat(pipeline.notify.readValue().getMailId()).isEqualTo("m-1");
        assertThat(statusOf("m-slow").getOutcome()).isEqualTo(Outcome.DEAD_LETTERED);
    }

    @Test
    void shouldDeadLetterAnOverrunEvenWhenTheStageSwallowsTheBudgetException() {
        // given: work that tolerates its own failures, as bounce detection does
        start((raw, parsed) -> {
            try {
                while (isHostile(parsed)) {
                    MailBudget.check();
                }
            } catch (BudgetExceededException e) {
                return DetectedBounces.NONE;
            }
            return DetectedBounces.NONE;
        });

        // when
        pipeline.send(TestPipeline.inline("m-slow", hostile()));

        // then
        assertThat(pipeline.dlq.readValue().getErrorClass()).isEqualTo("mailroute:budget-exceeded");
        assertThat(pipeline.notify.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterAMailThatOverflowsTheStackAndRouteTheNext() {
        // given
        start((raw, parsed) -> isHostile(parsed) ? recurse(0) : DetectedBounces.NONE);

        // when
        pipeline.send(TestPipeline.inline("m-deep", hostile()));
        pipeline.send(TestPipeline.inline("m-1", TestMails.awsBilling(ROOT)));

        // then
        final DeadLetter dead = pipeline.dlq.readValue();
        assertThat(dead.getMailId()).isEqualTo("m-deep");
        assertThat(dead.getErrorClass()).isEqualTo("mailroute:stack-overflow");
        assertThat(dead.getStage()).isEqualTo(Stage.CLASSIFY);
        assertThat(pipeline.notify.readValue().getMailId()).isEqualTo("m-1");
    }

    @Test
    void shouldDeadLetterAMailThatKilledTheStreamThreadTwiceInsteadOfReadingItAThirdTime() {
        // given: an error no stage turns into a dead letter, as a broken JVM or library would throw
        start((raw, parsed) -> {
            if (isHostile(parsed)) {
                throw new InternalError("broken by this mail");
            }
            return DetectedBounces.NONE;
        });

        // when: the record is read again after each thread death, as a replaced stream thread does
        assertThatThrownBy(() -> pipeline.send(TestPipeline.inline("m-killer", hostile())))
                .isInstanceOf(InternalError.class);
        readAgainAfterThreadDeath("m-killer");
        assertThatThrownBy(() -> pipeline.send(TestPipeline.inline("m-killer", hostile())))
                .isInstanceOf(InternalError.class);
        readAgainAfterThreadDeath("m-killer");
        pipeline.send(TestPipeline.inline("m-killer", hostile()));
        pipeline.send(TestPipeline.inline("m-1", TestMails.awsBilling(ROOT)));

        // then
        final DeadLetter dead = pipeline.dlq.readValue();
        assertThat(dead.getMailId()).isEqualTo("m-killer");
        assertThat(dead.getErrorClass()).isEqualTo("mailroute:killed-stream-threads");
        assertThat(dead.getStage()).isEqualTo(Stage.PARSE);
        assertThat(dead.getMessage()).contains("killed 2 stream threads");
        assertThat(pipeline.notify.readValue().getMailId()).isEqualTo("m-1");
    }

    private void start(final BounceDetector detector) {
        pipeline = new TestPipeline(
                "MailGuardTest",
                Map.of(MailrouteConfig.MAIL_BUDGET_MS_CONFIG, BUDGET_MS),
                new TopologyServices(MailBodyStore.NONE, detector));
        pipeline.addAccount(ACCOUNT, ROOT, "Prod");
    }

    /**
     * Forgets the delivery of the mail as the replaced thread's task does: it restores its stores from
     * the changelog, where the aborted transaction left nothing (the test driver keeps what it wrote).
     */
    private void readAgainAfterThreadDeath(final String mailId) {
        final WindowStore<String, Long> seen = pipeline.driver.getWindowStore(IntakeStage.DEDUP_STORE);
        seen.put(mailId + "#0", null, TestPipeline.START.toEpochMilli());
    }

    private MailStatus statusOf(final String mailId) {
        return pipeline.status.readRecordsToList().stream()
                .map(r -> r.value())
                .filter(s -> s.getMailId().equals(mailId))
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    private static byte[] hostile() {
        return TestMails.mail("aws-billing@amazon.com", ROOT, "hostile", "x");
    }

    private static boolean isHostile(final ParsedMail parsed) {
        return "hostile".equals(parsed.subject());
    }

    private static DetectedBounces recurse(final int depth) {
        return depth < 0 ? DetectedBounces.NONE : recurse(depth + 1);
    }
}
