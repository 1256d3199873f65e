package io.mailroute.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.cli.bench.GeneratedMail;
import io.mailroute.embedded.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 of the app, of the Connect worker and of the broker, each at a random point while mail
 * flows from S3 to the lanes; after each restart the pipeline goes on and, in the end, every
 * uploaded mail has a terminal outcome, none is written twice to a lane, and every mail's status
 * is terminal.
 */
@Tag("integration")
class CrashRecoveryIT {
    private static final Scale SCALE = Scale.current();
    private static final long SEED = 20_261_123L;

    @TempDir
    Path dir;

    @Test
    void noMailIsLostOrDuplicatedWhenTheAppTheWorkerAndTheBrokerAreKilled() throws Exception {
        final List<GeneratedMail> mails = ReliabilityMails.mixed(SEED, SCALE.crashMails, SCALE.sizes);
        final Random random = new Random(SEED);
        try (ReliabilityStack stack = new ReliabilityStack(dir);
                MailFeeder feeder = stack.start().feeder(mails, SCALE.crashRate)) {
            ReliabilityMails.publishAccounts(stack.client(), SEED);
            feeder.start();
            killAndRestart(feeder, stack.app(), random, 0.15, 0.35, stack::startApp);
            killAndRestart(feeder, stack.connect(), random, 0.40, 0.60, stack::startConnect);
            killAndRestart(feeder, stack.broker(), random, 0.65, 0.85, stack::startBroker);
            feeder.awaitDone(Duration.ofMinutes(10));

            final Set<String> ingested = feeder.uploadedKeys();
            final OutcomeLedger ledger;
            try {
                ledger = OutcomeLedger.awaitAccountedFor(
                        stack.client(), ingested, Duration.ofMinutes(5), Duration.ofSeconds(5));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + stack.childOutput(), e);
            }
            System.out.printf(
                    "crash suite (%s): %d mails through 3 kills -> %s%n", SCALE, ingested.size(), ledger.summary());
            assertThat(ledger.duplicates()).as("lane records written twice").isEmpty();
            assertThat(ledger.missing(ingested)).isEmpty();
            assertThat(ledger.withoutStatus(ingested)).isEmpty();
        }
    }

    /** Waits until a random share of the mail in [from, to) is uploaded, kills {@code child} and starts it again. */
    private static void killAndRestart(
            final MailFeeder feeder,
            final ChildJvm child,
            final Random random,
            final double from,
            final double to,
            final Restart restart)
            throws Exception {
        final int at = (int) (feeder.total() * (from + random.nextDouble() * (to - from)));
        await("upload reaches " + at).atMost(Duration.ofMinutes(5)).until(() -> feeder.uploaded() >= at);
        child.kill();
        restart.run();
        System.out.printf("killed and restarted %s after %d uploads%n", child, at);
    }

    @FunctionalInterface
    private interface Restart {
        void run() throws Exception;
    }
}
