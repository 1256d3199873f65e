package io.mailroute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.Alert;
import io.mailroute.avro.AlertLevel;
import io.mailroute.avro.AlertType;
import io.mailroute.avro.AuthRequirement;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Condition;
import io.mailroute.avro.Lane;
import io.mailroute.avro.MatchField;
import io.mailroute.avro.MatchOp;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.Rule;
import io.mailroute.avro.SentCount;
import io.mailroute.avro.SentScope;
import io.mailroute.avro.Severity;
import io.mailroute.avro.Suppression;
import io.mailroute.avro.SuppressionBasis;
import io.mailroute.avro.TicketAction;
import io.mailroute.topology.config.MailrouteConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bounce stage in the whole topology: self-closing tickets on mail.ticket, suppressions on
 * mail.suppressions and bounce-rate alerts on mail.alerts. Bounces are RFC 3464 DSNs returned to
 * the bulk sender's bounce address; other mail to it is classified by a catch-all rule.
 */
class BounceStageTest {
    private static final String SENDER = "sender-01";
    private static final String BOUNCE_ADDRESS = "bounces@mailer.example.com";
    private static final String TARO = "taro.@docomo.ne.jp";
    private static final String HANAKO = "hanako@example.net";
    /** The rate window at the start: the hour up to the end of the current one-minute step. */
    private static final Instant WINDOW_END = TestPipeline.START.plus(Duration.ofMinutes(1));

    private static final Instant WINDOW_START = WINDOW_END.minus(Duration.ofHours(1));

    private TestPipeline pipeline;
    private int mails;

    @BeforeEach
    void start() {
        // small volumes and thresholds keep the rate tests short; the defaults are MailrouteConfigTest's
        pipeline = new TestPipeline(
                "BounceStageTest",
                Map.of(
                        MailrouteConfig.BOUNCE_RATE_MIN_VOLUME_CONFIG,
                        5,
                        MailrouteConfig.BOUNCE_RATE_WARNING_CONFIG,
                        0.2,
                        MailrouteConfig.BOUNCE_RATE_CRITICAL_CONFIG,
                        0.4,
                        MailrouteConfig.BOUNCE_COUNT_WARNING_CONFIG,
                        2,
                        MailrouteConfig.BOUNCE_COUNT_CRITICAL_CONFIG,
                        4),
                TopologyServices.inlineOnly());
        pipeline.addAccount(SENDER, BOUNCE_ADDRESS, "Bulk sender");
        pipeline.addAccount("sender-02", "bounces@other.example.org", "Other sender");
        // with contacts, so that the replies' notices raise no NO_CONTACTS alerts next to the rate alerts
        pipeline.addContacts(SENDER, "en", "ops@mailer.example.com");
        pipeline.addContacts("sender-02", "en", "ops@other.example.org");
        pipeline.rules.pipeInput("dsn", rule("dsn", 10, Lane.TICKET, MatchField.IS_BOUNCE, MatchOp.EXACT, "true"));
        pipeline.rules.pipeInput("reply", rule("reply", 0, Lane.NOTIFY, MatchField.SUBJECT, MatchOp.REGEX, "."));
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    void shouldOpenOneTicketPerBouncedAddressUpdateItAndCloseItOnDelivery() {
        // when: two failures for Taro (one DSN also reports Hanako), then a delivery to Taro
        send(dsn(BOUNCE_ADDRESS, failed(TARO, "5.1.1"), failed(HANAKO, "5.1.1")));
        send(dsn(BOUNCE_ADDRESS, failed(TARO, "5.1.1")));
        send(dsn(BOUNCE_ADDRESS, report(TARO, "delivered", "2.0.0")));
        send(dsn(BOUNCE_ADDRESS, report(TARO, "delivered", "2.0.0")));

        // then: the stage's tickets, and each delivery report as the plain ticket record its rule asks for
        final List<TestRecord<String, ClassifiedMail>> tickets = pipeline.ticket.readRecordsToList();
        assertThat(tickets).extracting(TestRecord::key).containsOnly(SENDER);
        assertThat(tickets)
                .filteredOn(r -> r.value().getTicketKey().startsWith("bounce:"))
                .extracting(r -> r.value().getTicketKey() + " " + r.value().getTicketAction())
                .containsExactly(
                        "bounce:sender-01:taro.@docomo.ne.jp OPEN",
                        "bounce:sender-01:hanako@example.net OPEN",
                        "bounce:sender-01:taro.@docomo.ne.jp UPDATE",
                        "bounce:sender-01:taro.@docomo.ne.jp CLOSE");
        assertThat(tickets)
                .filteredOn(r -> !r.value().getTicketKey().startsWith("bounce:"))
                .hasSize(2);
        final ClassifiedMail open = tickets.get(0).value();
        assertThat(open.getCategory()).isEqualTo("bounce");
        assertThat(open.getLane()).isEqualTo(Lane.TICKET);
        assertThat(open.getBounces()).singleElement().satisfies(b -> {
            assertThat(b.getRecipient()).isEqualTo(TARO);
            assertThat(b.getHardBounce()).isTrue();
        });
        assertThat(tickets)
                .filteredOn(r -> r.value().getTicketAction() == TicketAction.CLOSE)
                .singleElement()
                .satisfies(r -> assertThat(r.value().getExtracted()).containsEntry("closedBy", "delivered"));
    }

    @Test
    void shouldCloseATicketAfterTheQuietPeriod() {
        // given
        send(dsn(BOUNCE_ADDRESS, failed(TARO, "4.4.1")));
        assertThat(pipeline.ticket.readValue().getTicketAction()).isEqualTo(TicketAction.OPEN);

        // when: two quiet days, a bounce, then three quiet days
        pipeline.advance(Duration.ofDays(2));
        send(dsn(BOUNCE_ADDRESS, failed(TARO, "4.4.1")));
        assertThat(pipeline.ticket.readValue().getTicketAction()).isEqualTo(TicketAction.UPDATE);
        pipeline.advance(Duration.ofDays(2));
        assertThat(pipeline.ticket.isEmpty()).isTrue();
        pipeline.advance(Duration.ofDays(1).plusMinutes(1));

        // then
        final ClassifiedMail closed = pipeline.ticket.readValue();
        assertThat(closed.getTicketAction()).isEqualTo(TicketAction.CLOSE);
        assertThat(closed.getTicketKey()).isEqualTo("bounce:sender-01:taro.@docomo.ne.jp");
        assertThat(closed.getExtracted()).containsEntry("closedBy", "quiet-period");
        assertThat(pipeline.ticket.isEmpty()).isTrue();
    }

    @Test
    void shouldSuppressAHardBouncedAddressAtOnceAndCountLaterBounces() {
        // when
        send(dsn(BOUNCE_ADDRESS, failed(TARO, "5.1.1")), TestPipeline.START);
        send(dsn(BOUNCE_ADDRESS, failed(TARO, "4.4.1")), TestPipeline.START.plus(Duration.ofHours(5)));

        // then
        final List<TestRecord<String, Suppression>> suppressions = pipeline.suppressions.readRecordsToList();
        assertThat(suppressions).extracting(TestRecord::key).containsExactly(TARO, TARO);
        final Suppression first = suppressions.get(0).value();
        assertThat(first.getAddress()).isEqualTo(TARO);
        assertThat(first.getHardBounce()).isTrue();
        assertThat(first.getReason()).isEqualTo("userunknown");
        assertThat(first.getCount()).isEqualTo(1);
        assertThat(first.getStatus()).isEqualTo("5.1.1");
        final Suppression second = suppressions.get(1).value();
        assertThat(second.getCount()).isEqualTo(2);
        assertThat(second.getFirstSeen()).isEqualTo(TestPipeline.START);
        assertThat(second.getLastSeen()).isEqualTo(TestPipeline.START.plus(Duration.ofHours(5)));
        assertThat(second.getReason()).as("a soft bounce keeps the hard reason").isEqualTo("userunknown");
    }

    @Test
    void shouldCountFromNothingAfterASuppressionIsRemoved() {
        // given: Taro suppressed with two bounces, Hanako with one soft bounce counted
        send(dsn(BOUNCE_ADDRESS, failed(TARO, "5.1.1")), TestPipeline.START);
        send(dsn(BOUNCE_ADDRESS, failed(TARO, "5.1.1")), TestPipeline.START.plus(Duration.ofHours(1)));
        send(dsn(BOUNCE_ADDRESS, failed(HANAKO, "4.4.1")), TestPipeline.START);
        send(dsn(BOUNCE_ADDRESS, failed(HANAKO, "4.4.1")), TestPipeline.START.plus(Duration.ofHours(1)));
        assertThat(pipeline.suppressions.readValuesToList())
                .extracting(Suppression::getCount)
                .containsExactly(1L, 2L);

        // when: both removed (mailroute suppressions remove), then each bounces again
        pipeline.suppressionsIn.pipeInput(TARO, null); // the tombstone the command writes
        pipeline.suppressionsIn.pipeInput(HANAKO, null);
        send(dsn(BOUNCE_ADDRESS, failed(TARO, "5.1.1")), TestPipeline.START.plus(Duration.ofHours(2)));
        send(dsn(BOUNCE_ADDRESS, failed(HANAKO, "4.4.1")), TestPipeline.START.plus(Duration.ofHours(2)));

        // then: Taro is suppressed anew with one bounce, and Hanako's one soft bounce is not yet a suppression
        final Suppression again = pipeline.suppressions.readValue();
        assertThat(again.getAddress()).isEqualTo(TARO);
        assertThat(again.getCount()).isEqualTo(1);
        assertThat(again.getFirstSeen()).isEqualTo(TestPipeline.START.plus(Duration.ofHours(2)));
        assertThat(pipeline.suppressions.isEmpty()).isTrue();
    }

    @Test
    void shouldRecordHowAVerifiedSuppressionWasDecided() {
        // when: a DSN whose SPF passed for the HELO name of its own From host
        send(dsn(BOUNCE_ADDRESS, failed(TARO, "5.1.1")));

        // then
        final Suppression suppression = pipeline.suppressions.readValue();
        assertThat(suppression.getBasis()).isEqualTo(SuppressionBasis.VERIFIED);
        assertThat(suppression.getReportingDomains()).containsExactly("example.com");
        assertThat(pipeline.ticket.readValue().getBounces())
                .singleElement()
                .satisfies(b -> assertThat(b.getVerified()).isTrue());
    }

    @Test
    void shouldTicketAndMarkAnUnverifiedBounceButSuppressNothing() {
        // when: one DSN that authenticated as a hosting provider, not as its From domain, and one that
        // authenticated as nothing
        send(sesAuthenticated("mail.customer-a.jp", "relay.hosting-a.com", BOUNCE_ADDRESS, failed(TARO, "5.1.1")));
        send(unauthenticated("mail.customer-b.jp", BOUNCE_ADDRESS, failed(HANAKO, "5.1.1")));

        // then
        assertThat(pipeline.ticket.readValuesToList())
                .extracting(m -> m.getTicketKey() + " " + m.getTicketAction() + " verified="
                        + m.getBounces().get(0).getVerified() + " "
                        + m.getBounces().get(0).getReportingDomain())
                .containsExactly(
                        "bounce:sender-01:taro.@docomo.ne.jp OPEN verified=false hosting-a.com",
                        "bounce:sender-01:hanako@example.net OPEN verified=false null");
        assertThat(pipeline.suppressions.isEmpty()).isTrue();
    }

    @Test
    void shouldSuppressWhenUnverifiedBouncesFromTwoReportingDomainsAgreeWithinTheWindow() {
        // given: an unverified bounce authenticated as hosting-a.com
        send(sesAuthenticated("mail.customer-a.jp", "relay.hosting-a.com", BOUNCE_ADDRESS, failed(TARO, "5.1.1")));
        assertThat(pipeline.suppressions.isEmpty()).isTrue();

        // when: six days later another, authenticated as hosting-b.net
        send(
                sesAuthenticated("mail.customer-b.jp", "mx.hosting-b.net", BOUNCE_ADDRESS, failed(TARO, "5.1.1")),
                TestPipeline.START.plus(Duration.ofDays(6)));

        // then
        final Suppression suppression = pipeline.suppressions.readValue();
        assertThat(suppression.getAddress()).isEqualTo(TARO);
        assertThat(suppression.getHardBounce()).isTrue();
        assertThat(suppression.getBasis()).isEqualTo(SuppressionBasis.CORROBORATED);
        assertThat(suppression.getReportingDomains()).containsExactlyInAnyOrder("hosting-a.com", "hosting-b.net");
    }

    @Test
    void shouldNotLetUnverifiedBouncesCorroborateThemselves() {
        // when: the same reporting domain twice, two forged From domains without any authentication,
        // and two reporting domains further apart than the window
        send(sesAuthenticated("mail.customer-a.jp", "relay.hosting-a.com", BOUNCE_ADDRESS, failed(TARO, "5.1.1")));
        send(sesAuthenticated("mail.customer-b.jp", "mx2.hosting-a.com", BOUNCE_ADDRESS, failed(TARO, "5.1.1")));
        send(unauthenticated("mx.forged-a.jp", BOUNCE_ADDRESS, failed(HANAKO, "5.1.1")));
        send(unauthenticated("mx.forged-b.jp", BOUNCE_ADDRESS, failed(HANAKO, "5.1.1")));
        final String jiro = failed("jiro@example.net", "5.1.1");
        send(sesAuthenticated("mail.customer-a.jp", "relay.hosting-a.com", BOUNCE_ADDRESS, jiro));
        send(
                sesAuthenticated("mail.customer-b.jp", "mx.hosting-b.net", BOUNCE_ADDRESS, jiro),
                TestPipeline.START.plus(Duration.ofDays(8)));

        // then
        assertThat(pipeline.suppressions.isEmpty()).isTrue();
        assertThat(pipeline.ticket.readValuesToList()).hasSize(6);
    }

    @Test
    void shouldKeepAtMostTheRecipientLimitOfABounceAndCountTheRest() {
        // given: a plain-text bounce naming 2,000 failed recipients above a large report
        final StringBuilder failedRecipients = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            failedRecipients.append(i == 0 ? "" : ", ").append("user").append(i).append("@example.net");
        }
        final String bounce = "From: Mail Delivery System <MAILER-DAEMON@mx.mailer.example.com>\r\nTo: "
                + BOUNCE_ADDRESS + "\r\nX-Failed-Recipients: " + failedRecipients
                + "\r\nSubject: Mail delivery failed\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + "A message could not be delivered to one or more recipients. ".repeat(5_000);

        // when
        send(bounce);

        // then
        final List<ClassifiedMail> tickets = pipeline.ticket.readValuesToList();
        assertThat(tickets).hasSize(100);
        assertThat(tickets).allSatisfy(t -> {
            assertThat(t.getBouncesOmitted()).isEqualTo(1_900);
            assertThat(t.getBounces().get(0).getDiagnostic()).hasSizeLessThanOrEqualTo(1_000);
        });
    }

    @Test
    void shouldTicketAndSuppressAFloodersBouncesOnTheOverflowLaneToo() {
        // given: a quota of two mails per sender and window
        pipeline.close();
        pipeline = new TestPipeline(
                "BounceStageTest",
                Map.of(
                        MailrouteConfig.FLOOD_QUOTA_CONFIG,
                        2,
                        MailrouteConfig.BOUNCE_RATE_MIN_VOLUME_CONFIG,
                        5,
                        MailrouteConfig.BOUNCE_RATE_WARNING_CONFIG,
                        0.2,
                        MailrouteConfig.BOUNCE_RATE_CRITICAL_CONFIG,
                        0.4,
                        MailrouteConfig.BOUNCE_COUNT_WARNING_CONFIG,
                        2,
                        MailrouteConfig.BOUNCE_COUNT_CRITICAL_CONFIG,
                        4),
                TopologyServices.inlineOnly());
        pipeline.addAccount(SENDER, BOUNCE_ADDRESS, "Bulk sender");
        pipeline.rules.pipeInput("dsn", rule("dsn", 10, Lane.TICKET, MatchField.IS_BOUNCE, MatchOp.EXACT, "true"));

        // when: one mailer daemon returns six mailings to dead addresses
        for (int i = 0; i < 6; i++) {
            send(dsn(BOUNCE_ADDRESS, failed("dead-" + i + "@example.net", "5.1.1")));
        }

        // then: the three after the one that went over the quota took the overflow lane, and every
        // bounce has its ticket and suppression
        assertThat(pipeline.overflow.readKeyValuesToMap()).hasSize(3);
        assertThat(pipeline.ticket.readValuesToList())
                .extracting(m -> m.getTicketKey() + " " + m.getTicketAction())
                .containsExactlyInAnyOrder(
                        "bounce:sender-01:dead-0@example.net OPEN",
                        "bounce:sender-01:dead-1@example.net OPEN",
                        "bounce:sender-01:dead-2@example.net OPEN",
                        "bounce:sender-01:dead-3@example.net OPEN",
                        "bounce:sender-01:dead-4@example.net OPEN",
                        "bounce:sender-01:dead-5@example.net OPEN");
        assertThat(pipeline.suppressions.readKeyValuesToMap()).hasSize(6);
        assertThat(latestByKey(pipeline.alerts.readValuesToList())).containsKey("bounce-rate:owner:" + SENDER);
    }

    @Test
    void shouldNeitherTicketNorSuppressAQuarantinedBounce() {
        // when: a DSN with a FAIL spam verdict
        send(dsn(BOUNCE_ADDRESS, failed(TARO, "5.1.1"))
                .replace("MIME-Version:", "X-SES-Spam-Verdict: FAIL\r\nMIME-Version:"));

        // then
        assertThat(pipeline.quarantine.readValue().getBounces()).hasSize(1);
        assertThat(pipeline.ticket.isEmpty()).isTrue();
        assertThat(pipeline.suppressions.isEmpty()).isTrue();
    }

    @Test
    void shouldSuppressAfterThreeSoftBouncesWithinTheWindow() {
        // when: two soft bounces, a gap longer than the window, then three within it
        final Instant start = TestPipeline.START;
        for (final int day : new int[] {0, 1, 9, 10}) {
            send(dsn(BOUNCE_ADDRESS, failed(HANAKO, "4.4.1")), start.plus(Duration.ofDays(day)));
        }
        assertThat(pipeline.suppressions.isEmpty())
                .as("2 soft bounces in any 7 days so far")
                .isTrue();
        send(dsn(BOUNCE_ADDRESS, failed(HANAKO, "4.4.1")), start.plus(Duration.ofDays(11)));

        // then
        final Suppression suppression = pipeline.suppressions.readValue();
        assertThat(suppression.getAddress()).isEqualTo(HANAKO);
        assertThat(suppression.getHardBounce()).isFalse();
        assertThat(suppression.getCount()).isEqualTo(3);
        assertThat(suppression.getFirstSeen()).isEqualTo(start.plus(Duration.ofDays(9)));
        assertThat(suppression.getLastSeen()).isEqualTo(start.plus(Duration.ofDays(11)));
        assertThat(pipeline.suppressions.isEmpty()).isTrue();
    }

    @Test
    void shouldRateBouncesPerMailSentAlertOnceAtEachThresholdAndResolveWhenTheyFall() {
        // given: 10 mails sent by the sender and from its domain in the window, and mail to another owner
        pipeline.sentCounts.pipeInput("owner:" + SENDER, sent(SentScope.OWNER, SENDER, 10));
        pipeline.sentCounts.pipeInput("domain:mailer.example.com", sent(SentScope.DOMAIN, "Mailer.Example.com", 10));
        for (int i = 0; i < 5; i++) {
            send(plain("bounces@other.example.org"));
        }
        assertThat(pipeline.alerts.isEmpty()).isTrue();

        // when: 2 of 10 sent mails bounced (20 %), 3, then 4 (40 %)
        send(dsn(BOUNCE_ADDRESS, failed(TARO, "5.1.1")));
        assertThat(pipeline.alerts.isEmpty()).as("1 of 10: below warning").isTrue();
        send(dsn(BOUNCE_ADDRESS, failed(HANAKO, "5.1.1")));
        final Map<String, Alert> warning = byKey(pipeline.alerts.readValuesToList());
        send(dsn(BOUNCE_ADDRESS, failed("jiro@example.net", "5.1.1")));
        assertThat(pipeline.alerts.isEmpty())
                .as("still warning: no second alert")
                .isTrue();
        send(dsn(BOUNCE_ADDRESS, failed("saburo@example.net", "5.1.1")));
        final Map<String, Alert> critical = byKey(pipeline.alerts.readValuesToList());
        pipeline.advance(Duration.ofMinutes(62));
        final Map<String, Alert> resolved = byKey(pipeline.alerts.readValuesToList());

        // then: the DSNs return no message, so their domain scope is the one they were sent to
        assertThat(warning).containsOnlyKeys("bounce-rate:owner:sender-01", "bounce-rate:domain:mailer.example.com");
        final Alert ownerWarning = warning.get("bounce-rate:owner:sender-01");
        assertThat(ownerWarning.getType()).isEqualTo(AlertType.BOUNCE_RATE);
        assertThat(ownerWarning.getLevel()).isEqualTo(AlertLevel.WARNING);
        assertThat(ownerWarning.getCount()).isEqualTo(2);
        assertThat(ownerWarning.getTotal()).isEqualTo(10);
        assertThat(ownerWarning.getRate()).isEqualTo(0.2);
        assertThat(ownerWarning.getThreshold()).isEqualTo(0.2);
        assertThat(ownerWarning.getSampleMailIds()).hasSize(2);
        assertThat(ownerWarning.getMessage())
                .isEqualTo("bounce rate 20.0 % (2 bounces of 10 mails sent in the last hour) for owner sender-01,"
                        + " at or above the warning threshold 20.0 %");
        assertThat(critical).containsOnlyKeys(warning.keySet());
        assertThat(critical.values()).allSatisfy(a -> {
            assertThat(a.getLevel()).isEqualTo(AlertLevel.CRITICAL);
            assertThat(a.getCount()).isEqualTo(4);
            assertThat(a.getTotal()).isEqualTo(10);
            assertThat(a.getThreshold()).isEqualTo(0.4);
        });
        assertThat(resolved).containsOnlyKeys(warning.keySet());
        assertThat(resolved.values()).allSatisfy(a -> assertThat(a.getLevel()).isEqualTo(AlertLevel.RESOLVED));
    }

    @Test
    void shouldAlertOnTheBounceCountAndSaySoWithoutSentCounts() {
        // given: many mails received for the sender, but no sent counts
        for (int i = 0; i < 20; i++) {
            send(plain(BOUNCE_ADDRESS));
        }

        // when: 2 bounces (the warning count), then sent counts that are for last week only
        pipeline.sentCounts.pipeInput(
                "owner:" + SENDER,
                sent(
                        SentScope.OWNER,
                        SENDER,
                        1_000,
                        WINDOW_START.minus(Duration.ofDays(7)),
                        WINDOW_END.minus(Duration.ofDays(7)))); // outside the window
        send(dsn(BOUNCE_ADDRESS, failed(TARO, "5.1.1")));
        send(dsn(BOUNCE_ADDRESS, failed(HANAKO, "5.1.1")));

        // then: a count, not a rate of bounces per mail received
        final Alert owner = byKey(pipeline.alerts.readValuesToList()).get("bounce-rate:owner:sender-01");
        assertThat(owner.getLevel()).isEqualTo(AlertLevel.WARNING);
        assertThat(owner.getCount()).isEqualTo(2);
        assertThat(owner.getTotal()).isNull();
        assertThat(owner.getRate()).isNull();
        assertThat(owner.getThreshold()).isEqualTo(2.0);
        assertThat(owner.getMessage())
                .isEqualTo("2 bounces in the last hour for owner sender-01; no sent counts for owner sender-01,"
                        + " so no rate: at or above the warning count 2");
    }

    @Test
    void shouldCountAnIntervalImportedTwiceOnceAndSpreadAPartlyCoveredOne() {
        // given: 10 sent in the window, imported twice, and 40 over four hours of which the window is one: 10 more
        pipeline.sentCounts.pipeInput("owner:" + SENDER, sent(SentScope.OWNER, SENDER, 10));
        pipeline.sentCounts.pipeInput("owner:" + SENDER, sent(SentScope.OWNER, SENDER, 10));
        pipeline.sentCounts.pipeInput(
                "owner:" + SENDER,
                sent(
                        SentScope.OWNER,
                        SENDER,
                        40,
                        WINDOW_END.minus(Duration.ofHours(3)),
                        WINDOW_END.plus(Duration.ofHours(1))));

        // when
        for (final String address : List.of(TARO, HANAKO, "jiro@example.net", "shiro@example.net")) {
            send(dsn(BOUNCE_ADDRESS, failed(address, "5.1.1")));
        }

        // then: 4 of 20 sent (20 %), not 4 of 30 or of 60
        final Alert owner = latestByKey(pipeline.alerts.readValuesToList()).get("bounce-rate:owner:sender-01");
        assertThat(owner.getLevel()).isEqualTo(AlertLevel.WARNING);
        assertThat(owner.getTotal()).isEqualTo(20);
        assertThat(owner.getRate()).isEqualTo(0.2);
    }

    @Test
    void shouldCountBouncesAgainstTheDomainOfTheBouncedMessagesSender() {
        // when: five bounces to the bounce address of mails the sender sent from its newsletter domain
        for (int i = 0; i < 5; i++) {
            send(returned(
                    dsn(BOUNCE_ADDRESS, failed("user" + i + "@example.net", "5.1.1")),
                    "Newsletter <news@letters.example.com>"));
        }

        // then: the domain scope is the sending domain, not the domain the bounces came back to
        final Map<String, Alert> alerts = latestByKey(pipeline.alerts.readValuesToList());
        assertThat(alerts).containsOnlyKeys("bounce-rate:owner:sender-01", "bounce-rate:domain:letters.example.com");
        final Alert domain = alerts.get("bounce-rate:domain:letters.example.com");
        assertThat(domain.getAttributes()).containsExactly(Map.entry("domain", "letters.example.com"));
        assertThat(domain.getLevel()).isEqualTo(AlertLevel.CRITICAL);
        assertThat(domain.getCount())
                .as("raised by the fourth bounce, the critical count")
                .isEqualTo(4);
        assertThat(domain.getTotal()).as("no sent counts: no rate").isNull();
    }

    /** {@code count} mails sent within the rate window at the start. */
    private static SentCount sent(final SentScope scope, final String id, final long count) {
        return sent(scope, id, count, WINDOW_START, WINDOW_END);
    }

    private static SentCount sent(
            final SentScope scope, final String id, final long count, final Instant from, final Instant to) {
        return SentCount.newBuilder()
                .setScope(scope)
                .setId(id)
                .setCount(count)
                .setWindowStart(from)
                .setWindowEnd(to)
                .setSource("test")
                .build();
    }

    /** The last alert of each key. */
    private static Map<String, Alert> latestByKey(final List<Alert> alerts) {
        final Map<String, Alert> latest = new java.util.LinkedHashMap<>();
        alerts.forEach(a -> latest.put(a.getAlertKey(), a));
        return latest;
    }

    private static Map<String, Alert> byKey(final List<Alert> alerts) {
        final Map<String, Alert> byKey = new java.util.LinkedHashMap<>();
        alerts.forEach(a -> assertThat(byKey.put(a.getAlertKey(), a))
                .as("one alert per key: %s", a.getAlertKey())
                .isNull());
        return byKey;
    }

    private void send(final String eml) {
        send(eml, TestPipeline.START);
    }

    private void send(final String eml, final Instant receivedAt) {
        final RawMail raw = TestPipeline.inline("m-" + mails, eml.getBytes(StandardCharsets.UTF_8));
        pipeline.send(RawMail.newBuilder(raw).setReceivedAt(receivedAt).build());
    }

    private String plain(final String to) {
        mails++;
        return "From: customer@example.net\r\nTo: " + to + "\r\nSubject: Re: outage notice " + mails
                + "\r\nMessage-ID: <reply-" + mails
                + "@example.net>\r\nDate: Fri, 20 Nov 2026 09:00:00 +0000\r\n\r\nThanks for the notice.\r\n";
    }

    private static String failed(final String recipient, final String status) {
        return report(recipient, "failed", status);
    }

    private static String report(final String recipient, final String action, final String status) {
        return "Final-Recipient: rfc822; " + recipient + "\r\nAction: " + action + "\r\nStatus: " + status
                + "\r\nDiagnostic-Code: smtp; " + status.charAt(0) + "50 " + status + " <" + recipient + ">: test\r\n";
    }

    /** A Postfix-style DSN to {@code to} with one per-recipient block per report, verified by SPF of its HELO name. */
    private String dsn(final String to, final String... reports) {
        return sesAuthenticated("mx.mailer.example.com", "mx.mailer.example.com", to, reports);
    }

    /**
     * A DSN from {@code MAILER-DAEMON@<fromHost>} as SES stores it, whose SPF passed for the HELO name
     * {@code heloHost}: verified when the two are aligned, else unverified with {@code heloHost}'s
     * domain as its reporting domain.
     */
    private String sesAuthenticated(
            final String fromHost, final String heloHost, final String to, final String... reports) {
        return "X-SES-Spam-Verdict: PASS\r\nX-SES-Virus-Verdict: PASS\r\nAuthentication-Results: amazonses.com;\r\n"
                + " spf=pass (spfCheck: domain of " + heloHost + " designates 192.0.2.1 as permitted sender)"
                + " client-ip=192.0.2.1; envelope-from=; helo=" + heloHost + ";\r\n dkim=none;\r\n dmarc=none;\r\n"
                + unauthenticated(fromHost, to, reports);
    }

    /** A DSN from {@code MAILER-DAEMON@<fromHost>} without any Authentication-Results. */
    private String unauthenticated(final String fromHost, final String to, final String... reports) {
        mails++;
        return "From: Mail Delivery System <MAILER-DAEMON@" + fromHost + ">\r\nTo: " + to
                + "\r\nSubject: Delivery Status Notification\r\nMessage-ID: <dsn-" + mails
                + "@mx.mailer.example.com>\r\n"
                + "Date: Fri, 20 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nDelivery report.\r\n\r\n"
                + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.mailer.example.com\r\n\r\n"
                + String.join("\r\n", reports) + "\r\n--b--\r\n";
    }

    /** The DSN with the returned message's headers, sent from {@code from}, as its last part. */
    private static String returned(final String dsn, final String from) {
        return dsn.substring(0, dsn.lastIndexOf("--b--")) + "--b\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: "
                + from + "\r\nTo: someone@example.net\r\nSubject: Weekly letter\r\n\r\n--b--\r\n";
    }

    private static Rule rule(
            final String id,
            final int priority,
            final Lane lane,
            final MatchField field,
            final MatchOp op,
            final String value) {
        return Rule.newBuilder()
                .setRuleId(id)
                .setRulesVersion("t1")
                .setCategory(id.equals("dsn") ? "bounce" : id)
                .setSeverity(Severity.LOW)
                .setPriority(priority)
                .setLanes(List.of(lane))
                .setRequireOwner(false)
                .setConditions(List.of(Condition.newBuilder()
                        .setField(field)
                        .setOp(op)
                        .setValues(List.of(value))
                        .build()))
                .setRequireAuth(AuthRequirement.NONE)
                .setUpdatedAt(TestPipeline.START)
                .build();
    }
}
