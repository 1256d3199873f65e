package io.mailroute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.Alert;
import io.mailroute.avro.AlertType;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Lane;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.Outcome;
import io.mailroute.avro.RawMail;
import io.mailroute.topology.config.MailrouteConfig;
import io.mailroute.topology.flood.FloodStage;
import io.mailroute.topology.naming.Node;
import io.mailroute.topology.naming.Track;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Flood isolation: a sender or owner over its quota in a window is moved to the overflow lane. */
class FloodIsolationTest {
    private static final String FLOODED_ROOT = "flooded-root@example.co.jp";
    private static final String FLOODED_ACCOUNT = "111111111111";
    private static final String QUIET_ROOT = "quiet-root@example.co.jp";
    private static final String QUIET_ACCOUNT = "222222222222";
    private static final int QUOTA = 3;

    private TestPipeline pipeline;

    @BeforeEach
    void start() {
        pipeline = new TestPipeline(
                "FloodIsolationTest",
                Map.of(
                        MailrouteConfig.FLOOD_QUOTA_CONFIG, QUOTA,
                        MailrouteConfig.FLOOD_WINDOW_MS_CONFIG,
                                Duration.ofMinutes(1).toMillis(),
                        MailrouteConfig.FLOOD_FLAG_MS_CONFIG,
                                Duration.ofMinutes(2).toMillis()),
                TopologyServices.inlineOnly());
        pipeline.addAccount(FLOODED_ACCOUNT, FLOODED_ROOT, "Flooded");
        pipeline.addAccount(QUIET_ACCOUNT, QUIET_ROOT, "Quiet");
        // with contacts, so that their notices raise no NO_CONTACTS alerts next to the FLOOD ones
        pipeline.addContacts(FLOODED_ACCOUNT, "en", "ops@flooded.example.com");
        pipeline.addContacts(QUIET_ACCOUNT, "en", "ops@quiet.example.com");
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    void shouldMoveAFloodingOwnersMailToTheOverflowLaneAndStillRouteIt() {
        // when: one owner receives three mails more than its quota within a minute
        for (int i = 1; i <= QUOTA + 3; i++) {
            send("flood-" + i, billingFrom("aws-sender-" + i + "@amazon.com", FLOODED_ROOT), at(i));
        }

        // then: the mail that went over the quota raised the flag (counting happens after the check,
        // in the task of the owner's key); the mails after it took the overflow lane and still reached their lane
        assertThat(pipeline.overflow.readKeyValuesToMap()).containsOnlyKeys("flood-5", "flood-6");
        assertThat(pipeline.notify.readValuesToList())
                .extracting(ClassifiedMail::getMailId)
                .containsExactlyInAnyOrder("flood-1", "flood-2", "flood-3", "flood-4", "flood-5", "flood-6");
        final List<MailStatus> statuses = pipeline.status.readValuesToList();
        assertThat(statuses)
                .filteredOn(s -> s.getMailId().equals("flood-5"))
                .extracting(MailStatus::getOutcome)
                .containsExactly(Outcome.IN_PROGRESS, Outcome.ROUTED); // moved, then routed by the overflow lane
        assertThat(statuses.get(statuses.size() - 2).getOwners().get(0).getLanes())
                .containsExactly(Lane.OVERFLOW);
    }

    @Test
    void shouldRaiseOneFloodAlertPerFlooderAndWindow() {
        // when: one sender sends ten mails in the first window and four in the next
        for (int i = 1; i <= 10; i++) {
            send("a-" + i, billingFrom("aws-flood@amazon.com", i % 2 == 0 ? FLOODED_ROOT : QUIET_ROOT), at(i));
        }
        for (int i = 1; i <= QUOTA + 1; i++) {
            send("b-" + i, billingFrom("aws-flood@amazon.com", i % 2 == 0 ? FLOODED_ROOT : QUIET_ROOT), at(60 + i));
        }

        // then
        final List<Alert> alerts = pipeline.alerts.readValuesToList();
        assertThat(alerts).allMatch(a -> a.getType() == AlertType.FLOOD);
        assertThat(alerts)
                .extracting(Alert::getAlertKey)
                .containsExactlyInAnyOrder(
                        "flood:sender:aws-flood@amazon.com",
                        "flood:owner:" + FLOODED_ACCOUNT,
                        "flood:owner:" + QUIET_ACCOUNT, // first window
                        "flood:sender:aws-flood@amazon.com"); // second window
        assertThat(alerts.get(0).getThreshold()).isEqualTo(QUOTA);
        assertThat(alerts.get(0).getSampleMailIds()).containsExactly("a-4");
    }

    @Test
    void shouldKeepOtherSendersOnTheNormalPathWhileOneFloods() {
        // given: a flooder is flagged
        for (int i = 1; i <= QUOTA + 1; i++) {
            send("flood-" + i, billingFrom("aws-flood@amazon.com", "nobody@example.com"), at(i));
        }
        pipeline.overflow.readValuesToList();

        // when
        send("quiet-1", billingFrom("aws-billing@amazon.com", QUIET_ROOT), at(10));
        send("flood-9", billingFrom("aws-flood@amazon.com", "nobody@example.com"), at(11));

        // then
        assertThat(pipeline.overflow.readKeyValuesToMap()).containsOnlyKeys("flood-9");
        assertThat(pipeline.notify.readValuesToList())
                .extracting(ClassifiedMail::getMailId)
                .containsExactly("quiet-1");
    }

    @Test
    void shouldReleaseAFlooderAfterItsFlagExpires() {
        // given: over the quota in the first minute, so flagged until two minutes after it ends
        for (int i = 1; i <= QUOTA + 1; i++) {
            send("flood-" + i, billingFrom("aws-flood@amazon.com", FLOODED_ROOT), at(i));
        }
        pipeline.overflow.readValuesToList();

        // when: it sends one mail a minute later (still flagged) and one after the flag expired
        send("later", billingFrom("aws-flood@amazon.com", FLOODED_ROOT), at(70));
        send("much-later", billingFrom("aws-flood@amazon.com", FLOODED_ROOT), at(200));

        // then
        assertThat(pipeline.overflow.readKeyValuesToMap()).containsOnlyKeys("later");
        assertThat(pipeline.notify.readValuesToList())
                .extracting(ClassifiedMail::getMailId)
                .contains("much-later");
        final KeyValueStore<String, Long> flags = pipeline.driver.getKeyValueStore(FloodStage.FLAG_STORE);
        assertThat(flags.get("sender:aws-flood@amazon.com")).isEqualTo(at(180).toEpochMilli());
        final WindowStore<String, Long> counts = pipeline.driver.getWindowStore(FloodStage.COUNT_STORE);
        assertThat(counts.fetch("sender:aws-flood@amazon.com", at(180).toEpochMilli()))
                .isEqualTo(1L);
    }

    @Test
    void shouldCountATallyWhenItReachesAHundredthOfTheQuotaOrItsSliceEnds() {
        // given: a quota of 200 mails, so a tally of two goes out at once
        pipeline.close();
        pipeline = new TestPipeline(
                "FloodIsolationTest", Map.of(MailrouteConfig.FLOOD_QUOTA_CONFIG, 200), TopologyServices.inlineOnly());
        final WindowStore<String, Long> counts = pipeline.driver.getWindowStore(FloodStage.COUNT_STORE);
        final String key = "sender:aws-burst@amazon.com";
        send("burst-1", billingFrom("aws-burst@amazon.com", "nobody@example.com"), at(1));

        // when: three more mails within the same second
        for (int i = 2; i <= 4; i++) {
            send("burst-" + i, billingFrom("aws-burst@amazon.com", "nobody@example.com"), at(1));
        }

        // then: the tally of two went out at once, the last mail waits for the end of the slice
        assertThat(counts.fetch(key, at(0).toEpochMilli())).isEqualTo(3L);
        pipeline.advance(Duration.ofSeconds(1));
        assertThat(counts.fetch(key, at(0).toEpochMilli())).isEqualTo(4L);
    }

    @Test
    void shouldNotCountARetryAgain() {
        // given: mail for an unknown account waits in mail.retry
        send("waiting", billingFrom("aws-flood@amazon.com", "unknown@example.com"), at(1));
        assertThat(pipeline.retry.readValuesToList()).hasSize(1);

        // when: its owner appears and the retry check releases it
        pipeline.addAccount("333333333333", "unknown@example.com", "Late");
        pipeline.advance(Duration.ofSeconds(30));

        // then: released and routed, counted once
        assertThat(pipeline.notify.readValuesToList())
                .extracting(ClassifiedMail::getMailId)
                .containsExactly("waiting");
        final WindowStore<String, Long> counts = pipeline.driver.getWindowStore(FloodStage.COUNT_STORE);
        assertThat(counts.fetch("sender:aws-flood@amazon.com", at(0).toEpochMilli()))
                .isEqualTo(1L);
    }

    @Test
    void shouldProcessTheOverflowLaneInASubTopologyOfItsOwn() {
        // when
        final TopologyDescription description = MailTopology.build(
                        TestPipeline.settings("FloodIsolationTest", pipeline.stateDir),
                        pipeline.topics,
                        TopologyServices.inlineOnly())
                .describe();

        // then
        final TopologyDescription.Subtopology overflow = description.subtopologies().stream()
                .filter(s -> s.nodes().stream().anyMatch(n -> n.name().equals(Node.OVERFLOW_SOURCE.id())))
                .findFirst()
                .orElseThrow();
        assertThat(overflow.nodes())
                .extracting(TopologyDescription.Node::name)
                .doesNotContain(Node.RAW_SOURCE.id(), Node.RETRY_SOURCE.id())
                .contains(Node.PARSE.id(Track.OVERFLOW), Node.NOTIFY.sink(Track.OVERFLOW));
    }

    private void send(final String mailId, final byte[] bytes, final Instant arrived) {
        final RawMail mail = RawMail.newBuilder(TestPipeline.inline(mailId, bytes))
                .setReceivedAt(arrived)
                .build();
        pipeline.raw.pipeInput(mailId, mail, arrived);
    }

    private static byte[] billingFrom(final String from, final String to) {
        return TestMails.mail(
                "AWS <" + from + ">", to, "Amazon Web Services Billing Statement Available", "Your statement.");
    }

    private static Instant at(final int seconds) {
        return TestPipeline.START.plusSeconds(seconds);
    }
}
