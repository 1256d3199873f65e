package io.mailroute.schemas.topics;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.Alert;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.Delivery;
import io.mailroute.avro.Lane;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.OwnerContacts;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.RetryMail;
import io.mailroute.avro.Rule;
import io.mailroute.avro.SentCount;
import io.mailroute.avro.Suppression;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.serde.AvroSerdes;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed topic registry: every topic with its configured name, a string key serde and a
 * Confluent-wire-format Avro value serde sharing one registry client. Built once at start-up and
 * injected; no static state.
 */
public final class MailTopics {
    private final TopicNames names;
    private final SchemaRegistryClient registry;
    private final Map<String, ?> serdeConfig;

    private MailTopics(final TopicNames names, final SchemaRegistryClient registry, final Map<String, ?> serdeConfig) {
        this.names = names;
        this.registry = registry;
        this.serdeConfig = serdeConfig;
    }

    /**
     * @param config      application configuration (topic name overrides)
     * @param registry    registry client shared by all serdes
     * @param serdeConfig serde properties ({@code schema.registry.url}, auth, auto-register)
     */
    public static MailTopics create(
            final Map<String, ?> config, final SchemaRegistryClient registry, final Map<String, ?> serdeConfig) {
        return new MailTopics(TopicNames.from(config), registry, Map.copyOf(serdeConfig));
    }

    public TopicNames names() {
        return names;
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    public Topic<String, RawMail> raw() {
        return topic(MailTopic.RAW, RawMail.class);
    }

    public Topic<String, AccountMapping> accounts() {
        return topic(MailTopic.ACCOUNTS, AccountMapping.class);
    }

    public Topic<String, Rule> rules() {
        return topic(MailTopic.RULES, Rule.class);
    }

    public Topic<String, ClassifiedMail> notifications() {
        return topic(MailTopic.NOTIFY, ClassifiedMail.class);
    }

    public Topic<String, ClassifiedMail> ticket() {
        return topic(MailTopic.TICKET, ClassifiedMail.class);
    }

    public Topic<String, ClassifiedMail> orderImport() {
        return topic(MailTopic.ORDER_IMPORT, ClassifiedMail.class);
    }

    public Topic<String, ClassifiedMail> quarantine() {
        return topic(MailTopic.QUARANTINE, ClassifiedMail.class);
    }

    public Topic<String, RawMail> overflow() {
        return topic(MailTopic.OVERFLOW, RawMail.class);
    }

    public Topic<String, RetryMail> retry() {
        return topic(MailTopic.RETRY, RetryMail.class);
    }

    public Topic<String, DeadLetter> dlq() {
        return topic(MailTopic.DLQ, DeadLetter.class);
    }

    public Topic<String, MailStatus> status() {
        return topic(MailTopic.STATUS, MailStatus.class);
    }

    public Topic<String, Alert> alerts() {
        return topic(MailTopic.ALERTS, Alert.class);
    }

    public Topic<String, Suppression> suppressions() {
        return topic(MailTopic.SUPPRESSIONS, Suppression.class);
    }

    public Topic<String, SentCount> sentCounts() {
        return topic(MailTopic.SENT_COUNTS, SentCount.class);
    }

    public Topic<String, OwnerContacts> contacts() {
        return topic(MailTopic.CONTACTS, OwnerContacts.class);
    }

    public Topic<String, Delivery> deliveries() {
        return topic(MailTopic.DELIVERIES, Delivery.class);
    }

    /** The topic of an output lane. */
    public Topic<String, ClassifiedMail> lane(final Lane lane) {
        return switch (lane) {
            case NOTIFY -> notifications();
            case TICKET -> ticket();
            case ORDER_IMPORT -> orderImport();
            case QUARANTINE -> quarantine();
            case OVERFLOW -> throw new IllegalArgumentException("The overflow lane carries RawMail; use overflow()");
        };
    }

    /** A value serde for any generated record, sharing this registry. */
    public <V extends SpecificRecord> Serde<V> valueSerde(final Class<V> type) {
        return AvroSerdes.specific(type, registry, serdeConfig);
    }

    private <V extends SpecificRecord> Topic<String, V> topic(final MailTopic id, final Class<V> type) {
        if (!id.valueType().equals(type)) {
            throw new IllegalArgumentException(
                    id + " carries " + id.valueType().getSimpleName() + ", not " + type.getSimpleName());
        }
        return new Topic<>(id, names.name(id), Serdes.String(), valueSerde(type));
    }
}
