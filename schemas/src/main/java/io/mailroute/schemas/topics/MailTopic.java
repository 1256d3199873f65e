package io.mailroute.schemas.topics;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.Alert;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.Delivery;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.OwnerContacts;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.RetryMail;
import io.mailroute.avro.Rule;
import io.mailroute.avro.SentCount;
import io.mailroute.avro.Suppression;
import java.time.Duration;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every topic mailroute reads or writes, with its default name, value type and retention. Names
 * can be overridden with {@code mailroute.topic.<id>.name}; see {@link TopicNames}.
 */
public enum MailTopic {
    RAW(
            "mail.raw",
            RawMail.class,
            false,
            Duration.ofDays(7),
            "mailId",
            "Raw mail from the S3 connector, inline or claim check."),
    ACCOUNTS(
            "mail.accounts",
            AccountMapping.class,
            true,
            null,
            "accountId",
            "Account to address mappings; tombstone = gone."),
    RULES("mail.rules", Rule.class, true, null, "ruleId", "Classification rules published by `mailroute rules apply`."),
    NOTIFY("mail.notify", ClassifiedMail.class, false, Duration.ofDays(7), "ownerId", "Mail to forward to its owner."),
    TICKET(
            "mail.ticket",
            ClassifiedMail.class,
            false,
            Duration.ofDays(7),
            "ownerId or ticket key",
            "Open/update/close helpdesk tickets."),
    ORDER_IMPORT(
            "mail.order-import",
            ClassifiedMail.class,
            false,
            Duration.ofDays(7),
            "storeId",
            "Order mail with extracted fields."),
    QUARANTINE(
            "mail.quarantine",
            ClassifiedMail.class,
            false,
            Duration.ofDays(30),
            "mailId",
            "Auth failures and spam/virus verdicts."),
    OVERFLOW(
            "mail.overflow",
            RawMail.class,
            false,
            Duration.ofDays(7),
            "mailId",
            "Mail of a flooding sender or owner, processed apart."),
    RETRY(
            "mail.retry",
            RetryMail.class,
            false,
            Duration.ofDays(14),
            "mailId",
            "Mail waiting for an owner, a rule or a transient fix."),
    DLQ(
            "mail.dlq",
            DeadLetter.class,
            false,
            Duration.ofDays(30),
            "mailId",
            "Mail that could not be processed, with the reason."),
    STATUS("mail.status", MailStatus.class, true, null, "mailId", "Per-mail progress and outcome."),
    ALERTS("mail.alerts", Alert.class, false, Duration.ofDays(30), "alert key", "New patterns, bounce rates, floods."),
    SUPPRESSIONS("mail.suppressions", Suppression.class, true, null, "address", "Hard-bounced addresses."),
    CONTACTS(
            "mail.contacts",
            OwnerContacts.class,
            true,
            null,
            "ownerId",
            "Who receives an owner's notices (`mailroute contacts import`); tombstone = none."),
    DELIVERIES(
            "mail.deliveries",
            Delivery.class,
            true,
            null,
            "mailId|ownerId|channel",
            "Latest outcome of each delivery by a sink (mail, ticket, chat, order webhook)."),
    SENT_COUNTS(
            "mail.sent-counts",
            SentCount.class,
            false,
            Duration.ofDays(30),
            "owner:<id> or domain:<name>",
            "Mail sent per owner and sending domain and interval, the denominator of bounce rates "
                    + "(`mailroute sent-counts import`).");

    private final String defaultName;
    private final Class<? extends SpecificRecord> valueType;
    private final boolean compacted;
    private final Duration retention;
    private final String key;
    private final String doc;

    MailTopic(
            final String defaultName,
            final Class<? extends SpecificRecord> valueType,
            final boolean compacted,
            final Duration retention,
            final String key,
            final String doc) {
        this.defaultName = defaultName;
        this.valueType = valueType;
        this.compacted = compacted;
        this.retention = retention;
        this.key = key;
        this.doc = doc;
    }

    /** Id used in configuration keys, e.g. {@code order-import}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String defaultName() {
        return defaultName;
    }

    public Class<? extends SpecificRecord> valueType() {
        return valueType;
    }

    /** True for changelog-like topics kept by compaction (latest value per key). */
    public boolean compacted() {
        return compacted;
    }

    /** Retention of delete-policy topics; null for compacted ones. */
    public Duration retention() {
        return retention;
    }

    /** What the record key holds. */
    public String key() {
        return key;
    }

    public String doc() {
        return doc;
    }

    /** Who writes the topic: connectors, the topology and {@code mailroute} commands. */
    public String writers() {
        return switch (this) {
            case RAW ->
                "S3MailSourceConnector; `mailroute dlq retry`, `mailroute retry release` and the status "
                        + "API re-publish mail here.";
            case ACCOUNTS -> "OrganizationsSourceConnector and `mailroute accounts import`.";
            case RULES -> "`mailroute rules apply`.";
            case NOTIFY, TICKET, ORDER_IMPORT, QUARANTINE -> "The topology (route stage).";
            case OVERFLOW -> "The topology (route stage), when a sender or owner floods.";
            case RETRY ->
                "The topology (route stage parks mail, intake stage ends its wait); "
                        + "`mailroute retry release` and the status API end a wait with a tombstone.";
            case DLQ -> "The topology (route stage and its error handlers).";
            case STATUS -> "The topology (route stage).";
            case ALERTS -> "The topology (route, bounce and flood stages).";
            case SUPPRESSIONS -> "The topology (bounce stage); `mailroute suppressions remove` writes tombstones.";
            case CONTACTS -> "`mailroute contacts import`.";
            case DELIVERIES -> "The sink connectors: SmtpSinkConnector, HelpdeskSinkConnector, WebhookSinkConnector.";
            case SENT_COUNTS -> "`mailroute sent-counts import`.";
        };
    }
}
