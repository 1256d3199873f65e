package io.mailroute.connectors.helpdesk;

import io.mailroute.avro.AuthVerdicts;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Lane;
import io.mailroute.avro.RawRef;
import io.mailroute.avro.Severity;
import io.mailroute.avro.TicketAction;
import io.mailroute.schemas.serde.AvroDeserializer;
import java.time.Instant;

/** {@code mail.ticket} records for the helpdesk sink's tests. */
public final class Tickets {
    static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    static {
        // the serde trusts the generated classes, which Avro 1.12 needs before building records of nested types
        new AvroDeserializer<ClassifiedMail>().close();
    }

    private Tickets() {}

    /** A ticket record of {@code mailId} asking for {@code action} on the ticket {@code key}. */
    public static ClassifiedMail ticket(
            final String mailId, final TicketAction action, final String key, final Severity severity) {
        return ClassifiedMail.newBuilder()
                .setMailId(mailId)
                .setOwnerId("123456789012")
                .setOwnerName("Example Corp")
                .setLane(Lane.TICKET)
                .setCategory("aws-support-case")
                .setSeverity(severity)
                .setRulesVersion("2026.11.1")
                .setSubject("AWS Support case " + key + ": 不正アクセスの疑い")
                .setTextExcerpt("Case " + key + ": " + action.name() + " requested.")
                .setReceivedAt(T0)
                .setClassifiedAt(T0)
                .setAuth(AuthVerdicts.newBuilder().build())
                .setTicketAction(action)
                .setTicketKey(key)
                .setRaw(RawRef.newBuilder()
                        .setBucket("mail-inbound")
                        .setKey(mailId)
                        .setSize(1234)
                        .setSha256("ab".repeat(32))
                        .build())
                .build();
    }
}
