package io.mailroute.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.avro.DeadLetter;
import io.mailroute.cli.bench.GeneratedMail;
import io.mailroute.cli.bench.MailGenerator;
import io.mailroute.cli.bench.MailKind;
import io.mailroute.cli.bench.SizeMix;
import io.mailroute.runtime.client.LocalDefaults;
import io.mailroute.stack.MailrouteStack;
import io.mailroute.topology.HostileMails;
import io.mailroute.topology.HostileMails.HostileMail;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input against the whole local stack (broker, S3, registry, Connect with the S3 source,
 * the topology): fuzzed and broken mail never stops a stream thread and each ends somewhere with a
 * reason; spoofed AWS mail never reaches notify; the S3 secret shows up in no log line and no topic;
 * the hostile-mail corpus, interleaved with ordinary mail, delays no lane and kills no stream thread.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {
    private static final Scale SCALE = Scale.current();
    private static final long SEED = 7_411L;
    private static final Duration FLOW_TIMEOUT = Duration.ofMinutes(5);
    private static final int ORDINARY_RATE = 10;

    @TempDir
    static Path dataDir;

    private static LogCapture logs;
    private static MailrouteStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        logs = LogCapture.attach();
        stack = MailrouteStack.builder().pipeline().dataDir(dataDir).start();
        ReliabilityMails.publishAccounts(stack.client(), SEED);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    @Order(1)
    void fuzzedAndBrokenMailStopsNoThreadAndEachDeadLetterSaysWhyAndWhere() {
        final List<GeneratedMail> mails = new ArrayList<>(ReliabilityMails.fuzzed(SEED, SCALE.fuzzedMails));
        mails.add(new GeneratedMail(MailGenerator.KEY_PREFIX + "empty-object", MailKind.MALFORMED, new byte[0]));
        mails.add(new GeneratedMail(MailGenerator.KEY_PREFIX + "nul-bytes", MailKind.MALFORMED, new byte[4096]));
        final int threads = stack.app().kafkaStreams().metadataForLocalThreads().size();

        final OutcomeLedger ledger = upload(mails);

        System.out.printf("bad input (%s): %d mails -> %s%n", SCALE, mails.size(), ledger.summary());
        assertThat(stack.app().kafkaStreams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(stack.app().kafkaStreams().metadataForLocalThreads()).hasSize(threads);
        assertThat(ledger.duplicates()).isEmpty();
        assertThat(ledger.deadLetters()).isNotEmpty();
        for (final DeadLetter letter : ledger.deadLetters().values()) {
            assertThat(letter.getMessage())
                    .as("why %s was dead-lettered", letter.getMailId())
                    .isNotBlank();
            assertThat(letter.getErrorClass()).isNotBlank();
            assertThat(letter.getRaw().getBucket()).isEqualTo(LocalDefaults.BUCKET);
            assertThat(letter.getRaw().getKey())
                    .as("raw reference of %s", letter.getMailId())
                    .isNotBlank();
        }
    }

    @Test
    @Order(2)
    void spoofedAwsMailIsQuarantinedAndNeverNotified() {
        final MailGenerator generator = new MailGenerator(SEED + 1, SizeMix.SMALL, false);
        final List<GeneratedMail> spoofed = new ArrayList<>();
        while (spoofed.size() < 20) {
            final GeneratedMail mail = generator.next();
            if (mail.kind() == MailKind.SPOOFED) {
                spoofed.add(mail);
            }
        }

        final OutcomeLedger ledger = upload(spoofed);

        for (final GeneratedMail mail : spoofed) {
            assertThat(ledger.outcomesOf(MailFeeder.objectKey(mail)))
                    .as("outcomes of spoofed %s", mail.key())
                    .contains("QUARANTINE")
                    .doesNotContain("NOTIFY");
        }
    }

    @Test
    @Order(3)
    void theS3SecretIsInNoLogLineAndNoTopic() {
        final String secret = stack.client().s3Settings().credentials().secretAccessKey();

        assertThat(logs.lines()).as("log lines").isNotEmpty().noneMatch(line -> line.contains(secret));
        final Collection<String> topicsWithSecret =
                TopicScan.topicsContaining(stack.client(), secret.getBytes(StandardCharsets.UTF_8));
        assertThat(topicsWithSecret).as("topics holding the S3 secret").isEmpty();
    }

    @Test
    @Order(4)
    void hostileMailStallsNoLaneAndEachReachesItsOutcome() throws Exception {
        // given: ordinary mail at ORDINARY_RATE a second, the hostile corpus interleaved with it
        ReliabilityMails.publishAccount(stack.client(), HostileMails.ACCOUNT, HostileMails.ROOT, "Prod");
        ReliabilityMails.publishAccount(stack.client(), HostileMails.STORE_ACCOUNT, HostileMails.STORE, "Store ne-001");
        final List<HostileMail> corpus = HostileMails.all();
        final Map<String, HostileMail> hostile = new LinkedHashMap<>();
        final List<GeneratedMail> hostileUploads = new ArrayList<>();
        for (final HostileMail mail : corpus) {
            final GeneratedMail upload = new GeneratedMail(
                    MailGenerator.KEY_PREFIX + "hostile-" + mail.mailId(), MailKind.MALFORMED, mail.bytes());
            hostile.put(MailFeeder.objectKey(upload), mail);
            hostileUploads.add(upload);
        }
        final List<GeneratedMail> ordinary = ordinaryMails(SCALE.normalMails);
        // the hostile mails spread over the time the ordinary ones take
        final int hostileRate = (int) Math.ceil(corpus.size() * (double) ORDINARY_RATE / ordinary.size());
        final Set<String> threads = threadNames();

        // when
        final List<Long> latencies = new ArrayList<>();
        try (LaneArrivals arrivals = new LaneArrivals(stack.client());
                MailFeeder hostileFeeder = new MailFeeder(stack.client().s3(), hostileUploads, hostileRate);
                MailFeeder feeder = new MailFeeder(stack.client().s3(), ordinary, ORDINARY_RATE)) {
            hostileFeeder.start();
            feeder.start();
            feeder.awaitDone(FLOW_TIMEOUT);
            hostileFeeder.awaitDone(FLOW_TIMEOUT);
            final List<String> keys =
                    ordinary.stream().map(MailFeeder::objectKey).toList();
            await("ordinary mail on the lanes").atMost(FLOW_TIMEOUT).until(() -> arrivals.sawAll(keys));
            for (final String key : keys) {
                latencies.add(arrivals.firstSeen(key) - feeder.putAt(key));
            }
        }
        final OutcomeLedger ledger = awaitOutcomes(hostile.keySet());

        // then
        latencies.sort(null);
        final long p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
        System.out.printf(
                "hostile mail (%s): %d hostile mails among %d ordinary ones; ordinary p99 S3-put->lane %d ms, max %d ms%n",
                SCALE, corpus.size(), ordinary.size(), p99, latencies.get(latencies.size() - 1));
        assertThat(p99)
                .as("ordinary mail's p99 S3-put->lane latency (ms) while hostile mail flows")
                .isLessThan(5_000);
        hostile.forEach((key, mail) -> assertThat(ledger.statusOf(key).getOutcome())
                .as(
                        "outcome of %s (%s): %s",
                        mail, mail.attack(), ledger.statusOf(key).getOwners())
                .isIn(mail.outcomes()));
        assertThat(threadNames())
                .as("stream threads (a replaced one has a new name)")
                .isEqualTo(threads);
        assertThat(stack.app().kafkaStreams().state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    private static Set<String> threadNames() {
        return stack.app().kafkaStreams().metadataForLocalThreads().stream()
                .map(ThreadMetadata::threadName)
                .collect(Collectors.toSet());
    }

    /** Mails the generator makes that reach a lane: notices, abuse reports, orders, bounces, spoofs. */
    private static List<GeneratedMail> ordinaryMails(final int count) {
        final MailGenerator generator = new MailGenerator(SEED + 2, SizeMix.SMALL, false);
        final Set<MailKind> kinds = EnumSet.of(
                MailKind.AWS_NOTICE_EN,
                MailKind.AWS_NOTICE_JA,
                MailKind.AWS_NOTICE_SJIS,
                MailKind.AWS_ABUSE,
                MailKind.MARKETPLACE_ORDER,
                MailKind.DSN_BOUNCE,
                MailKind.SPOOFED);
        final List<GeneratedMail> mails = new ArrayList<>(count);
        while (mails.size() < count) {
            final GeneratedMail mail = generator.next();
            if (kinds.contains(mail.kind())) {
                mails.add(mail);
            }
        }
        return mails;
    }

    /** Uploads {@code mails} and waits until each has an outcome and a terminal status. */
    private static OutcomeLedger upload(final List<GeneratedMail> mails) {
        try (MailFeeder feeder = new MailFeeder(stack.client().s3(), mails, 500)) {
            feeder.start();
            feeder.awaitDone(FLOW_TIMEOUT);
        }
        return awaitOutcomes(mails.stream().map(MailFeeder::objectKey).collect(Collectors.toSet()));
    }

    /** Waits until each of {@code keys} has an outcome and a terminal status. */
    private static OutcomeLedger awaitOutcomes(final Set<String> keys) {
        return OutcomeLedger.awaitAccountedFor(stack.client(), keys, FLOW_TIMEOUT, Duration.ofSeconds(3));
    }
}
