package io.mailroute.connectors.smtp;

import io.mailroute.avro.Address;
import io.mailroute.avro.AuthVerdicts;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Lane;
import io.mailroute.avro.OwnerContacts;
import io.mailroute.avro.RawRef;
import io.mailroute.avro.Severity;
import io.mailroute.schemas.serde.AvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** notify records and original mails for the SMTP sink's tests. */
final class Notices {
    static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    static final String BUCKET = "mail-inbound";

    static {
        // the serde trusts the generated classes, which Avro 1.12 needs before building records of nested types
        new AvroDeserializer<ClassifiedMail>().close();
    }

    private Notices() {}

    /** A notify record of {@code mailId} for {@code ownerId}, to {@code recipients} in {@code locale}. */
    static ClassifiedMail notice(
            final String mailId, final String ownerId, final String locale, final List<String> recipients) {
        return builder(mailId, ownerId)
                .setOwnerContacts(OwnerContacts.newBuilder()
                        .setOwnerId(ownerId)
                        .setRecipients(recipients)
                        .setLocale(locale)
                        .build())
                .build();
    }

    static ClassifiedMail.Builder builder(final String mailId, final String ownerId) {
        final byte[] original = original(mailId);
        return ClassifiedMail.newBuilder()
                .setMailId(mailId)
                .setOwnerId(ownerId)
                .setOwnerName("Example Corp " + ownerId)
                .setLane(Lane.NOTIFY)
                .setCategory("aws-billing")
                .setSeverity(Severity.INFO)
                .setRulesVersion("2026.11.1")
                .setSubject("Your AWS bill for " + ownerId)
                .setFrom(Address.newBuilder()
                        .setRaw("AWS Billing <billing@aws.example>")
                        .setAddress("billing@aws.example")
                        .setNormalized("billing@aws.example")
                        .setField("from")
                        .build())
                .setReceivedAt(T0)
                .setClassifiedAt(T0)
                .setTextExcerpt("Your invoice is available.")
                .setAuth(AuthVerdicts.newBuilder().build())
                .setRaw(RawRef.newBuilder()
                        .setBucket(BUCKET)
                        .setKey(mailId)
                        .setSize(original.length)
                        .setSha256(sha256(original))
                        .build());
    }

    /** The original mail of {@code mailId}, as stored in S3. */
    static byte[] original(final String mailId) {
        return ("From: AWS Billing <billing@aws.example>\r\n"
                        + "To: root@owner.example\r\n"
                        + "Subject: Your AWS bill\r\n"
                        + "Message-ID: <" + mailId + "@aws.example>\r\n"
                        + "\r\n"
                        + "Your invoice is available.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    static String sha256(final byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
