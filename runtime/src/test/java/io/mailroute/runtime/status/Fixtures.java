package io.mailroute.runtime.status;

import io.mailroute.avro.AuthVerdicts;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Lane;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.RawRef;
import io.mailroute.avro.RetryMail;
import io.mailroute.avro.RetryReason;
import io.mailroute.avro.Storage;
import io.mailroute.schemas.serde.AvroDeserializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Small Avro records for unit tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    static {
        // the serde trusts the generated classes, which Avro 1.12 needs before building records of nested types
        new AvroDeserializer<ClassifiedMail>().close();
    }

    private Fixtures() {}

    static RawRef ref(final String mailId) {
        return RawRef.newBuilder()
                .setBucket("mail-inbound")
                .setKey(mailId)
                .setSize(12)
                .setSha256("ab".repeat(32))
                .setTopic("mail.raw")
                .setPartition(0)
                .setOffset(7L)
                .build();
    }

    static ClassifiedMail classified(final String mailId, final Lane lane, final String ruleId) {
        return ClassifiedMail.newBuilder()
                .setMailId(mailId)
                .setLane(lane)
                .setCategory("aws-billing")
                .setRuleId(ruleId)
                .setRulesVersion("2026.11.1")
                .setSubject("Billing statement " + mailId)
                .setReceivedAt(T0)
                .setClassifiedAt(T0)
                .setTextExcerpt("body text that stays out of the API")
                .setAuth(AuthVerdicts.newBuilder().build())
                .setRaw(ref(mailId))
                .build();
    }

    static RetryMail retry(final String mailId, final String body) {
        final RawMail mail = RawMail.newBuilder()
                .setMailId(mailId)
                .setBucket("mail-inbound")
                .setKey(mailId)
                .setSize(body.length())
                .setSha256("cd".repeat(32))
                .setReceivedAt(T0)
                .setIngestedAt(T0)
                .setStorage(Storage.INLINE)
                .setContent(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)))
                .build();
        return RetryMail.newBuilder()
                .setMailId(mailId)
                .setReason(RetryReason.UNCLASSIFIED)
                .setAttempt(1)
                .setMaxAttempts(6)
                .setFirstAttemptAt(T0)
                .setNextAttemptAt(T0.plusSeconds(300))
                .setWaitingFor(List.of("pattern:abc"))
                .setMail(mail)
                .setRaw(ref(mailId))
                .build();
    }
}
