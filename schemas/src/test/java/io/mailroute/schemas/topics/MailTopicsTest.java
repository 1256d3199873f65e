package io.mailroute.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.avro.Lane;
import io.mailroute.schemas.SampleRecords;
import io.mailroute.schemas.registry.LocalSchemaRegistry;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class MailTopicsTest {
    private static final Map<String, Object> SERDE = Map.of("schema.registry.url", "mock://unused");

    @Test
    void shouldUseTheDesignNamesByDefault() {
        final TopicNames names = TopicNames.defaults();

        assertThat(Arrays.stream(MailTopic.values()).map(names::name))
                .containsExactly(
                        "mail.raw",
                        "mail.accounts",
                        "mail.rules",
                        "mail.notify",
                        "mail.ticket",
                        "mail.order-import",
                        "mail.quarantine",
                        "mail.overflow",
                        "mail.retry",
                        "mail.dlq",
                        "mail.status",
                        "mail.alerts",
                        "mail.suppressions",
                        "mail.contacts",
                        "mail.deliveries",
                        "mail.sent-counts");
    }

    @Test
    void shouldApplyOverridesAndPrefix() {
        final TopicNames names = TopicNames.from(
                Map.of(TopicNames.PREFIX_CONFIG, "t1.", TopicNames.nameConfig(MailTopic.DLQ), "mail.dead"));

        assertThat(names.name(MailTopic.DLQ)).isEqualTo("t1.mail.dead");
        assertThat(names.name(MailTopic.RAW)).isEqualTo("t1.mail.raw");
        assertThat(names.topicNamed("t1.mail.dead")).contains(MailTopic.DLQ);
    }

    @Test
    void shouldGiveEveryTopicATypedSerdeSharingOneRegistry() {
        // given
        final LocalSchemaRegistry registry = LocalSchemaRegistry.inMemory();
        final MailTopics topics = MailTopics.create(Map.of(), registry, SERDE);
        final Topic<String, io.mailroute.avro.ClassifiedMail> ticket = topics.lane(Lane.TICKET);

        // when
        final byte[] bytes = ticket.valueSerde().serializer().serialize(ticket.name(), SampleRecords.classifiedMail());

        // then
        assertThat(ticket.name()).isEqualTo("mail.ticket");
        assertThat(ticket.valueSerde().deserializer().deserialize(ticket.name(), bytes))
                .isEqualTo(SampleRecords.classifiedMail());
        assertThat(registry.subjects()).containsExactly("mail.ticket-value");
        assertThatThrownBy(() -> topics.lane(Lane.OVERFLOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCompactChangelogTopicsAndAllowLargeRawRecords() {
        final TopicNames names = TopicNames.defaults();

        final NewTopic accounts =
                TopicSpec.of(MailTopic.ACCOUNTS, names, 3, (short) 1).toNewTopic();
        final NewTopic raw = TopicSpec.of(MailTopic.RAW, names, 6, (short) 3).toNewTopic();

        assertThat(accounts.configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
                .doesNotContainKey(TopicConfig.RETENTION_MS_CONFIG);
        assertThat(raw.configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")
                .containsEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(2 * 1024 * 1024));
        assertThat(raw.numPartitions()).isEqualTo(6);
        assertThat(raw.replicationFactor()).isEqualTo((short) 3);
    }
}
