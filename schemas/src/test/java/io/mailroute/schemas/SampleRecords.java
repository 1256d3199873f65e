package io.mailroute.schemas;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.AccountStatus;
import io.mailroute.avro.Address;
import io.mailroute.avro.Alert;
import io.mailroute.avro.AlertLevel;
import io.mailroute.avro.AlertType;
import io.mailroute.avro.Attachment;
import io.mailroute.avro.AuthRequirement;
import io.mailroute.avro.AuthVerdicts;
import io.mailroute.avro.Bounce;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Condition;
import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.avro.Extraction;
import io.mailroute.avro.Lane;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.MatchField;
import io.mailroute.avro.MatchOp;
import io.mailroute.avro.Outcome;
import io.mailroute.avro.OwnerContacts;
import io.mailroute.avro.OwnerOutcome;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.RawRef;
import io.mailroute.avro.RetryMail;
import io.mailroute.avro.RetryReason;
import io.mailroute.avro.Rule;
import io.mailroute.avro.Severity;
import io.mailroute.avro.Stage;
import io.mailroute.avro.Storage;
import io.mailroute.avro.Suppression;
import io.mailroute.avro.SuppressionBasis;
import io.mailroute.avro.TicketAction;
import io.mailroute.avro.Verdict;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One fully populated record of every topic value type, for round-trip tests. */
public final class SampleRecords {
    public static final Instant AT = Instant.parse("2026-11-23T01:02:03.456Z");

    private SampleRecords() {}

    public static List<SpecificRecord> all() {
        return List.of(
                rawMail(),
                accountMapping(),
                rule(),
                classifiedMail(),
                retryMail(),
                deadLetter(),
                mailStatus(),
                alert(),
                suppression(),
                ownerContacts(),
                delivery());
    }

    public static RawRef rawRef() {
        return RawRef.newBuilder()
                .setBucket("mail-inbound")
                .setKey("incoming/0l2b3c4d5e")
                .setVersionId("v1")
                .setEtag("\"9b2cf535f27731c974343645a3985328\"")
                .setSize(1234L)
                .setSha256("a".repeat(64))
                .setTopic("mail.raw")
                .setPartition(2)
                .setOffset(42L)
                .build();
    }

    public static RawMail rawMail() {
        return RawMail.newBuilder()
                .setMailId("incoming/0l2b3c4d5e")
                .setBucket("mail-inbound")
                .setKey("incoming/0l2b3c4d5e")
                .setVersionId(null)
                .setEtag("\"etag\"")
                .setSize(11L)
                .setSha256("b".repeat(64))
                .setReceivedAt(AT)
                .setIngestedAt(AT.plusSeconds(1))
                .setStorage(Storage.INLINE)
                .setContent(ByteBuffer.wrap("Subject: x\n".getBytes(StandardCharsets.US_ASCII)))
                .setAttempt(1)
                .setResubmittedFrom("mail.dlq")
                .build();
    }

    public static AccountMapping accountMapping() {
        return AccountMapping.newBuilder()
                .setAccountId("123456789012")
                .setEmail("taro.@docomo.ne.jp")
                .setName("Taro's account")
                .setStatus(AccountStatus.ACTIVE)
                .setSource("organizations")
                .setJoinedAt(AT.minusSeconds(86_400))
                .setSyncedAt(AT)
                .build();
    }

    public static Rule rule() {
        return Rule.newBuilder()
                .setRuleId("aws-support-case")
                .setRulesVersion("2026.11.1")
                .setDescription("AWS support case mail")
                .setPriority(100)
                .setEnabled(true)
                .setCategory("aws-support-case")
                .setSeverity(Severity.HIGH)
                .setLanes(List.of(Lane.TICKET, Lane.NOTIFY))
                .setConditions(List.of(Condition.newBuilder()
                        .setField(MatchField.FROM)
                        .setHeader(null)
                        .setOp(MatchOp.REGEX)
                        .setValues(List.of("@(support|no-reply)\\.amazon(aws)?\\.com$"))
                        .setNegate(false)
                        .build()))
                .setExtract(List.of(Extraction.newBuilder()
                        .setName("caseId")
                        .setFrom(MatchField.SUBJECT)
                        .setHeader(null)
                        .setPattern("Case (?<value>\\d+)")
                        .setRequired(true)
                        .build()))
                .setRequireOwner(true)
                .setOwnerFallback("(?<owner>\\d{12})")
                .setRequireAuth(AuthRequirement.DMARC_OR_DKIM)
                .setTicketAction(TicketAction.OPEN)
                .setUpdatedAt(AT)
                .build();
    }

    public static Address address(final String address, final String field) {
        return Address.newBuilder()
                .setRaw("\"山田\" <" + address + ">")
                .setAddress(address)
                .setNormalized(address)
                .setDisplayName("山田")
                .setField(field)
                .build();
    }

    public static ClassifiedMail classifiedMail() {
        return ClassifiedMail.newBuilder()
                .setMailId("incoming/0l2b3c4d5e")
                .setOwnerId("123456789012")
                .setOwnerName("Taro")
                .setLane(Lane.TICKET)
                .setCategory("bounce")
                .setSeverity(Severity.MEDIUM)
                .setRuleId("dsn")
                .setRulesVersion("2026.11.1")
                .setQuarantineReason(null)
                .setMessageId("<a@b>")
                .setSubject("件名 ①～")
                .setSubjectRaw("=?ISO-2022-JP?B?GyRCN29MPhsoQg==?=")
                .setFrom(address("a..b@ezweb.ne.jp", "from"))
                .setRecipients(List.of(address("taro.@docomo.ne.jp", "to")))
                .setSentAt(AT)
                .setReceivedAt(AT)
                .setClassifiedAt(AT.plusMillis(5))
                .setTextExcerpt("本文")
                .setAttachments(List.of(Attachment.newBuilder()
                        .setFileName("請求書.pdf")
                        .setContentType("application/pdf")
                        .setSize(10L)
                        .setSha256("c".repeat(64))
                        .build()))
                .setAuth(AuthVerdicts.newBuilder()
                        .setSpf(Verdict.PASS)
                        .setDkim(Verdict.PASS)
                        .setDmarc(Verdict.NONE)
                        .setSpam(Verdict.PASS)
                        .setVirus(Verdict.PASS)
                        .setAuthservId("amazonses.com")
                        .setFromDomain("ezweb.ne.jp")
                        .setDkimDomains(List.of("mail.ezweb.ne.jp", "amazonses.com"))
                        .setSpfDomain("bounce.ezweb.ne.jp")
                        .setDkimAligned(true)
                        .setSpfAligned(true)
                        .build())
                .setExtracted(Map.of("caseId", "1234567890"))
                .setBounces(List.of(Bounce.newBuilder()
                        .setRecipient("taro.@docomo.ne.jp")
                        .setReason("userunknown")
                        .setStatus("5.1.1")
                        .setReplyCode("550")
                        .setHardBounce(true)
                        .setDiagnostic("550 5.1.1 unknown user")
                        .setAction("failed")
                        .setReportingMta("mx.example.jp")
                        .setOriginalMessageId("<orig@x>")
                        .setFeedbackType(null)
                        .setVerified(true)
                        .setReportingDomain("example.jp")
                        .build()))
                .setBouncesOmitted(3)
                .setTicketAction(TicketAction.OPEN)
                .setTicketKey("bounce:taro.@docomo.ne.jp")
                .setRaw(rawRef())
                .setOwnerContacts(ownerContacts())
                .build();
    }

    public static RetryMail retryMail() {
        return RetryMail.newBuilder()
                .setMailId("incoming/0l2b3c4d5e")
                .setReason(RetryReason.ACCOUNT_UNKNOWN)
                .setAttempt(2)
                .setMaxAttempts(10)
                .setFirstAttemptAt(AT)
                .setNextAttemptAt(AT.plusSeconds(300))
                .setWaitingFor(List.of("root+999@example.com"))
                .setOwnerId(null)
                .setLastError("no owner")
                .setRulesVersion("2026.11.1")
                .setMail(rawMail())
                .setRaw(rawRef())
                .build();
    }

    public static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setMailId("incoming/0l2b3c4d5e")
                .setStage(Stage.PARSE)
                .setErrorClass("jakarta.mail.MessagingException")
                .setMessage("Missing start boundary")
                .setAttempt(1)
                .setOwnerId(null)
                .setRaw(rawRef())
                .setOriginalTopic("mail.raw")
                .setOriginalPartition(2)
                .setOriginalOffset(42L)
                .setFailedAt(AT)
                .build();
    }

    public static MailStatus mailStatus() {
        return MailStatus.newBuilder()
                .setMailId("incoming/0l2b3c4d5e")
                .setStage(Stage.ROUTE)
                .setOutcome(Outcome.ROUTED)
                .setOwners(List.of(OwnerOutcome.newBuilder()
                        .setOwnerId("123456789012")
                        .setOutcome(Outcome.ROUTED)
                        .setLanes(List.of(Lane.NOTIFY))
                        .setRuleId("aws-billing")
                        .setCategory("aws-billing")
                        .setDetail(null)
                        .build()))
                .setRulesVersion("2026.11.1")
                .setSubject("Your invoice")
                .setFrom("no-reply@aws.amazon.com")
                .setAttempt(0)
                .setReceivedAt(AT)
                .setUpdatedAt(AT.plusSeconds(1))
                .setRaw(rawRef())
                .build();
    }

    public static Alert alert() {
        return Alert.newBuilder()
                .setAlertKey("bounce-rate:domain:example.com")
                .setType(AlertType.BOUNCE_RATE)
                .setLevel(AlertLevel.WARNING)
                .setScope("example.com")
                .setMessage("bounce rate 6.0% over 5.0%")
                .setCount(6L)
                .setTotal(100L)
                .setRate(0.06)
                .setThreshold(0.05)
                .setWindowStart(AT.minusSeconds(3600))
                .setWindowEnd(AT)
                .setSampleMailIds(List.of("a", "b"))
                .setAttributes(Map.of("domain", "example.com"))
                .setRaisedAt(AT)
                .build();
    }

    public static Suppression suppression() {
        return Suppression.newBuilder()
                .setAddress("a..b@ezweb.ne.jp")
                .setReason("userunknown")
                .setHardBounce(true)
                .setCount(3L)
                .setFirstSeen(AT.minusSeconds(60))
                .setLastSeen(AT)
                .setLastMailId("m-3")
                .setStatus("5.1.1")
                .setDiagnostic("550 unknown")
                .setBasis(SuppressionBasis.CORROBORATED)
                .setReportingDomains(List.of("example.jp", "example.net"))
                .build();
    }

    public static OwnerContacts ownerContacts() {
        return OwnerContacts.newBuilder()
                .setOwnerId("123456789012")
                .setRecipients(List.of("ops@example.co.jp", "cto@example.co.jp"))
                .setLocale("ja")
                .setName("Example KK")
                .build();
    }

    public static Delivery delivery() {
        return Delivery.newBuilder()
                .setMailId("incoming/0l2b3c4d5e")
                .setOwnerId("123456789012")
                .setChannel(DeliveryChannel.SMTP)
                .setOutcome(DeliveryOutcome.DELIVERED)
                .setDetail("250 2.0.0 Ok: queued as 4F1A2B")
                .setRecipients(List.of("ops@example.co.jp"))
                .setAttempt(1)
                .setAt(AT)
                .build();
    }
}
