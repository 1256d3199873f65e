package io.mailroute.connectors.webhook;

import io.mailroute.avro.Address;
import io.mailroute.avro.Alert;
import io.mailroute.avro.AlertLevel;
import io.mailroute.avro.AlertType;
import io.mailroute.avro.AuthVerdicts;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Lane;
import io.mailroute.avro.RawRef;
import io.mailroute.avro.Severity;
import io.mailroute.schemas.serde.AvroDeserializer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Order-import records and alerts for the webhook sink's tests. */
public final class Webhooks {
    static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    static {
        // the serde trusts the generated classes, which Avro 1.12 needs before building records of nested types
        new AvroDeserializer<ClassifiedMail>().close();
    }

    private Webhooks() {}

    /** An order-import record of {@code mailId} for {@code ownerId}, with the fields a marketplace rule extracts. */
    public static ClassifiedMail order(final String mailId, final String ownerId) {
        return ClassifiedMail.newBuilder()
                .setMailId(mailId)
                .setOwnerId(ownerId)
                .setOwnerName("Shop " + ownerId)
                .setLane(Lane.ORDER_IMPORT)
                .setCategory("order")
                .setSeverity(Severity.INFO)
                .setRulesVersion("2026.11.1")
                .setSubject("ご注文ありがとうございます " + mailId)
                .setFrom(Address.newBuilder()
                        .setRaw("Marketplace <order@market.example>")
                        .setAddress("order@market.example")
                        .setNormalized("order@market.example")
                        .setField("from")
                        .build())
                .setReceivedAt(T0)
                .setClassifiedAt(T0)
                .setAuth(AuthVerdicts.newBuilder().build())
                .setExtracted(Map.of(
                        "orderNumber", "ORD-" + mailId,
                        "orderDate", "2026-11-20",
                        "buyerName", "山田 太郎",
                        "total", "12,800"))
                .setRaw(RawRef.newBuilder()
                        .setBucket("mail-inbound")
                        .setKey(mailId)
                        .setSize(1234)
                        .setSha256("ab".repeat(32))
                        .build())
                .build();
    }

    static Alert alert(
            final AlertType type, final AlertLevel level, final String key, final long count, final Instant at) {
        return Alert.newBuilder()
                .setAlertKey(key)
                .setType(type)
                .setLevel(level)
                .setScope("scope of " + key)
                .setMessage("Something about <" + key + "> & more")
                .setCount(count)
                .setSampleMailIds(List.of("m-1", "incoming/m 2"))
                .setRaisedAt(at)
                .build();
    }
}
