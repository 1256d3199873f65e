package io.mailroute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.Alert;
import io.mailroute.avro.AuthRequirement;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Condition;
import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.Lane;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.MatchField;
import io.mailroute.avro.MatchOp;
import io.mailroute.avro.Outcome;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.RetryMail;
import io.mailroute.avro.RetryReason;
import io.mailroute.avro.Rule;
import io.mailroute.avro.Severity;
import io.mailroute.avro.Stage;
import io.mailroute.avro.Storage;
import io.mailroute.topology.bouncereport.DetectedBounces;
import io.mailroute.topology.classify.NewPatterns;
import io.mailroute.topology.fetch.MailBodyStore;
import io.mailroute.topology.intake.IntakeStage;
import io.mailroute.topology.support.Hashes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The topology stage by stage and branch by branch, in a TopologyTestDriver. */
class MailTopologyTest {
    private static final String ROOT = "aws-root@example.co.jp";
    private static final String ACCOUNT = "123456789012";

    private TestPipeline pipeline;

    @BeforeEach
    void start() {
        pipeline = new TestPipeline("MailTopologyTest");
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    void shouldRouteOnceWhenTheConnectorDeliversAMailTwice() {
        // given
        pipeline.addAccount(ACCOUNT, ROOT, "Prod");
        final RawMail mail = TestPipeline.inline("m-1", TestMails.awsBilling(ROOT));

        // when
        pipeline.send(mail);
        pipeline.send(mail); // re-delivery after a connector restart

        // then
        assertThat(pipeline.notify.readValuesToList()).hasSize(1);
        assertThat(pipeline.status.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldProcessAMailAgainWhenAnOperatorRepublishesIt() {
        // given
        pipeline.addAccount(ACCOUNT, ROOT, "Prod");
        final RawMail mail = TestPipeline.inline("m-1", TestMails.awsBilling(ROOT));
        pipeline.send(mail);

        // when
        pipeline.send(RawMail.newBuilder(mail)
                .setAttempt(1)
                .setResubmittedFrom("mail.dlq")
                .build());

        // then
        assertThat(pipeline.notify.readValuesToList()).hasSize(2);
    }

    @Test
    void shouldDeadLetterAnInlineMailWithoutContent() {
        // given
        final RawMail empty = RawMail.newBuilder(TestPipeline.inline("m-1", TestMails.awsBilling(ROOT)))
                .setContent(null)
                .build();

        // when
        pipeline.send(empty);

        // then
        final DeadLetter dead = pipeline.dlq.readValue();
        assertThat(dead.getStage()).isEqualTo(Stage.FETCH);
        assertThat(dead.getErrorClass()).isEqualTo("mailroute:inline-content-missing");
        assertThat(pipeline.status.readValue().getOutcome()).isEqualTo(Outcome.DEAD_LETTERED);
    }

    @Test
    void shouldDeadLetterAClaimCheckWhenNoBodyStoreIsConfigured() {
        // given
        final RawMail claimCheck = RawMail.newBuilder(TestPipeline.inline("m-1", TestMails.awsBilling(ROOT)))
                .setStorage(Storage.CLAIM_CHECK)
                .setContent(null)
                .build();

        // when
        pipeline.send(claimCheck);

        // then
        final DeadLetter dead = pipeline.dlq.readValue();
        assertThat(dead.getStage()).isEqualTo(Stage.FETCH);
        assertThat(dead.getErrorClass()).isEqualTo("mailroute:no-body-store");
    }

    @Test
    void shouldDeadLetterUnparseableInputWithAReferenceToTheRawMail() {
        // given
        final byte[] junk = "\u0000\u0001binary garbage without headers\n".getBytes(StandardCharsets.ISO_8859_1);

        // when
        pipeline.send(TestPipeline.inline("junk", junk));

        // then
        final TestRecord<String, DeadLetter> dead = pipeline.dlq.readRecord();
        assertThat(dead.key()).isEqualTo("junk");
        assertThat(dead.value().getStage()).isEqualTo(Stage.PARSE);
        assertThat(dead.value().getErrorClass()).isEqualTo("mailroute:unparseable");
        assertThat(dead.value().getMessage()).startsWith("not a mail");
        assertThat(dead.value().getRaw().getSha256()).isEqualTo(Hashes.sha256Hex(junk));
        assertThat(dead.value().getRaw().getTopic()).isEqualTo("mail.raw");
        assertThat(dead.value().getOriginalOffset()).isZero();
    }

    @Test
    void shouldWriteOneRecordPerOwnerOfASharedAddress() {
        // given: one root address registered for two accounts, the second with the domain in capitals
        pipeline.addAccount("111111111111", "billing@example.co.jp", "A");
        pipeline.addAccount("222222222222", "billing@EXAMPLE.CO.JP", "B");

        // when
        pipeline.send(TestPipeline.inline("m-1", TestMails.awsBilling("billing@Example.co.jp")));

        // then
        assertThat(pipeline.notify.readKeyValuesToMap()).containsOnlyKeys("111111111111", "222222222222");
        assertThat(pipeline.status.readValue().getOwners()).hasSize(2);
    }

    @Test
    void shouldKeepTheLocalPartExactlyWhenLookingUpOwners() {
        // given
        pipeline.addAccount("ne-010", "taro.@docomo.ne.jp", "Taro");

        // when: the same local part in other case is another mailbox
        pipeline.send(TestPipeline.inline("m-1", TestMails.awsBilling("Taro.@DOCOMO.ne.jp")));
        pipeline.send(TestPipeline.inline("m-2", TestMails.awsBilling("taro.@DOCOMO.ne.jp")));

        // then
        assertThat(pipeline.retry.readValue().getWaitingFor()).containsExactly("Taro.@docomo.ne.jp");
        assertThat(pipeline.notify.readKeyValue().key).isEqualTo("ne-010");
    }

    @Test
    void shouldFollowAnAccountWhoseAddressChangesOrThatIsRemoved() {
        // given
        pipeline.addAccount(ACCOUNT, "old@example.co.jp", "Prod");
        pipeline.addAccount(ACCOUNT, ROOT, "Prod");

        // when
        pipeline.send(TestPipeline.inline("m-old", TestMails.awsBilling("old@example.co.jp")));
        pipeline.send(TestPipeline.inline("m-new", TestMails.awsBilling(ROOT)));
        pipeline.accounts.pipeInput(ACCOUNT, null); // tombstone: account left the organization
        pipeline.send(TestPipeline.inline("m-gone", TestMails.awsBilling(ROOT)));

        // then
        assertThat(pipeline.notify.readValuesToList())
                .extracting(ClassifiedMail::getMailId)
                .containsExactly("m-new");
        assertThat(pipeline.retry.readValuesToList())
                .extracting(RetryMail::getMailId)
                .containsExactly("m-old", "m-gone");
    }

    @Test
    void shouldReleaseAMailWaitingForItsOwnerWhenTheMappingArrives() {
        // given
        pipeline.send(TestPipeline.inline("m-1", TestMails.awsBilling(ROOT)));
        final RetryMail waiting = pipeline.retry.readValue();
        assertThat(waiting.getReason()).isEqualTo(RetryReason.ACCOUNT_UNKNOWN);
        assertThat(waiting.getWaitingFor()).containsExactly(ROOT);
        assertThat(pipeline.status.readValue().getOutcome()).isEqualTo(Outcome.RETRY_PENDING);

        // when: the Organizations sync publishes the mapping, well before the backoff ends
        pipeline.addAccount(ACCOUNT, ROOT, "Prod");
        pipeline.advance(Duration.ofSeconds(10));

        // then
        final ClassifiedMail routed = pipeline.notify.readValue();
        assertThat(routed.getOwnerId()).isEqualTo(ACCOUNT);
        final MailStatus status = pipeline.status.readValue();
        assertThat(status.getOutcome()).isEqualTo(Outcome.ROUTED);
        assertThat(status.getAttempt()).isEqualTo(2);
        assertThat(pipeline.retry.readKeyValuesToList()).containsExactly(KeyValue.pair("m-1", null)); // the wait ended
    }

    @Test
    void shouldEndTheWaitOfAReleasedMailBeforeItWaitsAgain() {
        // given
        pipeline.send(TestPipeline.inline("m-1", TestMails.awsBilling(ROOT)));
        pipeline.retry.readValue();

        // when: the first backoff (1 minute) ends and the owner is still unknown
        pipeline.advance(Duration.ofSeconds(70));

        // then: the tombstone first, then the new wait under the same key
        final List<KeyValue<String, RetryMail>> written = pipeline.retry.readKeyValuesToList();
        assertThat(written).extracting(kv -> kv.key).containsExactly("m-1", "m-1");
        assertThat(written.get(0).value).isNull();
        assertThat(written.get(1).value.getAttempt()).isEqualTo(2);
        final KeyValueStore<String, RetryMail> waiting = pipeline.driver.getKeyValueStore(IntakeStage.RETRY_STORE);
        assertThat(waiting.get("m-1").getAttempt())
                .as("the tombstone read back left the new wait alone")
                .isEqualTo(2);
    }

    @Test
    void shouldRetryOnBackoffAndDeadLetterWhenTheAttemptsAreUsedUp() {
        // given
        pipeline.send(TestPipeline.inline("m-1", TestMails.awsBilling(ROOT)));

        // when: nobody ever maps the address; the backoff (1, 2, 4, 8, 16 minutes) runs out
        for (int i = 0; i < 6; i++) {
            pipeline.advance(Duration.ofMinutes(20));
        }

        // then: every release ends the wait before the next one begins
        assertThat(pipeline.retry.readValuesToList())
                .extracting(r -> r == null ? null : r.getAttempt())
                .containsExactly(1, null, 2, null, 3, null, 4, null, 5, null);
        final DeadLetter dead = pipeline.dlq.readValue();
        assertThat(dead.getStage()).isEqualTo(Stage.OWNER_LOOKUP);
        assertThat(dead.getErrorClass()).isEqualTo("mailroute:account-unknown");
        assertThat(dead.getAttempt()).isEqualTo(6);
        assertThat(pipeline.dlq.isEmpty()).isTrue();
    }

    @Test
    void shouldNotReleaseAWaitingMailBeforeItsBackoff() {
        // given
        pipeline.send(TestPipeline.inline("m-1", TestMails.awsBilling(ROOT)));
        pipeline.retry.readValue();

        // when: less than the first backoff (1 minute) passes, and unrelated accounts arrive
        pipeline.addAccount("999999999999", "other@example.co.jp", "Other");
        pipeline.advance(Duration.ofSeconds(50));

        // then
        assertThat(pipeline.retry.isEmpty()).isTrue();
        assertThat(pipeline.status.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldHoldUnclassifiedMailAndAlertOnItsPattern() {
        // given
        pipeline.addAccount(ACCOUNT, ROOT, "Prod");

        // when: two mails of one new kind
        pipeline.send(TestPipeline.inline("m-1", TestMails.unknownPattern(ROOT, "Weekly digest #417: 9 new articles")));
        pipeline.send(
                TestPipeline.inline("m-2", TestMails.unknownPattern(ROOT, "Re: Weekly digest #418: 12 new articles")));

        // then
        final List<RetryMail> retries = pipeline.retry.readValuesToList();
        assertThat(retries).extracting(RetryMail::getReason).containsOnly(RetryReason.UNCLASSIFIED);
        final Map<String, Alert> alerts = pipeline.alerts.readKeyValuesToMap();
        final String key = NewPatterns.key("news.example.org", "weekly digest ##: # new articles");
        assertThat(alerts).containsOnlyKeys(key);
        assertThat(alerts.get(key).getCount()).isEqualTo(2);
        assertThat(alerts.get(key).getSampleMailIds()).containsExactly("m-1", "m-2");
        assertThat(retries.get(0).getWaitingFor()).containsExactly(key);
    }

    @Test
    void shouldReleaseUnclassifiedMailWhenANewRuleSetIsPublished() {
        // given
        pipeline.addAccount(ACCOUNT, ROOT, "Prod");
        pipeline.send(TestPipeline.inline("m-1", TestMails.unknownPattern(ROOT, "Weekly digest #417")));
        pipeline.retry.readValue();

        // when: a human publishes a rule for it (the rules topic replaces the default pack)
        pipeline.rules.pipeInput(
                "weekly-digest",
                rule(
                        "weekly-digest",
                        "2026.11.2",
                        Lane.NOTIFY,
                        condition(MatchField.FROM, MatchOp.CONTAINS, "@news.example.org")));
        pipeline.advance(Duration.ofSeconds(10));

        // then
        final ClassifiedMail routed = pipeline.notify.readValue();
        assertThat(routed.getRuleId()).isEqualTo("weekly-digest");
        assertThat(routed.getRulesVersion()).isEqualTo("2026.11.2");
    }

    @Test
    void shouldClassifyWithTheRulesTopicInsteadOfTheDefaultPack() {
        // given
        pipeline.addAccount(ACCOUNT, ROOT, "Prod");
        pipeline.rules.pipeInput(
                "only", rule("only", "v9", Lane.TICKET, condition(MatchField.SUBJECT, MatchOp.REGEX, "(?i)statement")));

        // when
        pipeline.send(TestPipeline.inline("m-1", TestMails.awsBilling(ROOT)));

        // then
        assertThat(pipeline.notify.isEmpty()).isTrue();
        final ClassifiedMail ticket = pipeline.ticket.readValue();
        assertThat(ticket.getRuleId()).isEqualTo("only");
        assertThat(ticket.getTicketKey()).isEqualTo("m-1");
    }

    @Test
    void shouldNotQuarantineMailThatPassesOnlyWhatItsRuleDoesNotRequire() {
        // given
        pipeline.addAccount(ACCOUNT, ROOT, "Prod");
        final byte[] dkimOnly = new String(TestMails.awsBilling(ROOT), StandardCharsets.UTF_8)
                .replace("dmarc=pass", "dmarc=fail")
                .getBytes(StandardCharsets.UTF_8);

        // when
        pipeline.send(TestPipeline.inline("m-1", dkimOnly));

        // then: DMARC_OR_DKIM is met by the DKIM pass
        assertThat(pipeline.notify.readValue().getAuth().getDkim().name()).isEqualTo("PASS");
        assertThat(pipeline.quarantine.isEmpty()).isTrue();
    }

    @Test
    void shouldServeTheLatestStatusOfAMailByInteractiveQuery() {
        // given
        pipeline.send(TestPipeline.inline("m-1", TestMails.awsBilling(ROOT)));
        pipeline.addAccount(ACCOUNT, ROOT, "Prod");
        pipeline.advance(Duration.ofSeconds(10));

        // when
        final KeyValueStore<String, MailStatus> statuses = pipeline.driver.getKeyValueStore(MailTopology.STATUS_STORE);

        // then
        assertThat(statuses.get("m-1").getOutcome()).isEqualTo(Outcome.ROUTED);
        assertThat(statuses.get("m-1").getOwners().get(0).getLanes()).containsExactly(Lane.NOTIFY);
    }

    @Test
    void shouldGoOnAfterAnUnreadableRawRecord() {
        // given (the dead letter it becomes is asserted in MailExceptionHandlersTest: the test driver
        // drops records sent while input is deserialized, outside of processing)
        pipeline.addAccount(ACCOUNT, ROOT, "Prod");
        final TestInputTopic<String, byte[]> bytes = pipeline.driver.createInputTopic(
                "mail.raw", Serdes.String().serializer(), Serdes.ByteArray().serializer());

        // when
        bytes.pipeInput("broken", "not avro".getBytes(StandardCharsets.UTF_8));
        pipeline.send(TestPipeline.inline("m-1", TestMails.awsBilling(ROOT)));

        // then
        assertThat(pipeline.notify.readValue().getMailId()).isEqualTo("m-1");
    }

    @Test
    void shouldSendAMailWhoseProcessingThrowsToTheDlqAndGoOn() {
        // given: a bounce detector that breaks on one mail
        pipeline.close();
        pipeline = new TestPipeline(
                "MailTopologyTest", Map.of(), new TopologyServices(MailBodyStore.NONE, (raw, parsed) -> {
                    if ("poison".equals(parsed.subject())) {
                        throw new IllegalStateException("detector bug");
                    }
                    return DetectedBounces.NONE;
                }));
        pipeline.addAccount(ACCOUNT, ROOT, "Prod");

        // when
        pipeline.send(TestPipeline.inline("m-poison", TestMails.mail("aws-billing@amazon.com", ROOT, "poison", "x")));
        pipeline.send(TestPipeline.inline("m-1", TestMails.awsBilling(ROOT)));

        // then
        final DeadLetter dead = pipeline.dlq.readValue();
        assertThat(dead.getMailId()).isEqualTo("m-poison");
        assertThat(dead.getStage()).isEqualTo(Stage.CLASSIFY);
        assertThat(dead.getErrorClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(dead.getMessage()).isEqualTo("detector bug");
        assertThat(dead.getRaw().getKey()).isEqualTo("m-poison");
        assertThat(pipeline.notify.readValue().getMailId()).isEqualTo("m-1");
    }

    private static Rule rule(final String id, final String version, final Lane lane, final Condition condition) {
        return Rule.newBuilder()
                .setRuleId(id)
                .setRulesVersion(version)
                .setCategory(id)
                .setSeverity(Severity.LOW)
                .setLanes(List.of(lane))
                .setConditions(List.of(condition))
                .setRequireAuth(AuthRequirement.NONE)
                .setUpdatedAt(TestPipeline.START)
                .build();
    }

    private static Condition condition(final MatchField field, final MatchOp op, final String value) {
        return Condition.newBuilder()
                .setField(field)
                .setOp(op)
                .setValues(List.of(value))
                .build();
    }
}
