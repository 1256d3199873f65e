package io.mailroute.connectors.organizations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.AccountStatus;
import io.mailroute.connectors.it.ConnectStack;
import io.mailroute.connectors.it.ReadCommittedConsumer;
import io.mailroute.embedded.ConnectorStatus;
import io.mailroute.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Organizations sync in the real Connect runtime (distributed worker, exactly-once source
 * support) against the in-process Organizations endpoint, polling every second while accounts
 * are added, renamed, suspended and removed between polls.
 */
class OrganizationsSourceConnectorIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Long enough for at least two syncs at poll.interval.ms=1000. */
    private static final Duration STEADY = Duration.ofMillis(2_500);

    private static final String TOPIC = "mail.accounts";
    private static final String CONNECTOR = "organizations";
    private static final Instant JOINED = Instant.parse("2024-04-01T00:00:00.500Z");

    private static ConnectStack stack;
    private static OrganizationsStub organizations;

    @BeforeAll
    static void startStack() throws Exception {
        stack = ConnectStack.start("organizations-it");
        stack.createTopics(new NewTopic(TOPIC, 1, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        organizations = new OrganizationsStub();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (organizations != null) {
            organizations.close();
        }
    }

    @Test
    void shouldWriteOnlyTheChangesOfTheOrganizationBetweenPolls() {
        // given an organization of three pages (two accounts a page)
        organizations.put("111111111111", "root+111@example.com", "alpha");
        organizations.put("222222222222", "root+222@example.com", "bravo");
        organizations.put("333333333333", "root+333@example.com", "charlie");
        organizations.put("444444444444", "root+444@example.com", "delta");
        organizations.put("555555555555", "root+555@example.com", "echo");
        organizations.put(
                "777777777777", "root+777@example.com", "golf", "SUSPENDED", "r-root"); // never ACTIVE: never written

        try (ReadCommittedConsumer consumer =
                        new ReadCommittedConsumer(stack.kafka().bootstrapServers(), TOPIC);
                AvroDeserializer<AccountMapping> deserializer = stack.deserializer(AccountMapping.class)) {
            // when the connector starts, it writes every ACTIVE account
            stack.rest().putConnectorConfig(CONNECTOR, connectorConfig());
            stack.rest().awaitRunning(CONNECTOR, 1, TIMEOUT);
            await().atMost(TIMEOUT).until(() -> consumer.poll().keys(TOPIC).size() >= 5);
            assertThat(consumer.keys(TOPIC))
                    .containsExactlyInAnyOrder(
                            "111111111111", "222222222222", "333333333333", "444444444444", "555555555555");
            final AccountMapping alpha = deserializer.deserialize(
                    TOPIC,
                    consumer.records(TOPIC).stream()
                            .filter(r -> r.key().equals("111111111111"))
                            .findFirst()
                            .orElseThrow()
                            .value());
            assertThat(alpha.getAccountId()).isEqualTo("111111111111");
            assertThat(alpha.getEmail()).isEqualTo("root+111@example.com");
            assertThat(alpha.getName()).isEqualTo("alpha");
            assertThat(alpha.getStatus()).isEqualTo(AccountStatus.ACTIVE);
            assertThat(alpha.getSource()).isEqualTo("organizations");
            assertThat(alpha.getJoinedAt()).isEqualTo(JOINED);

            // and a steady organization produces nothing, however often it is listed
            assertNothingNewAcrossTwoSyncs(consumer, 5);

            // when accounts change between polls (the task is paused so that no listing sees half the changes),
            // and one page of the next listing is throttled
            stack.rest().pause(CONNECTOR);
            stack.rest()
                    .awaitStatus(
                            CONNECTOR,
                            s -> s.tasks().stream().allMatch(t -> ConnectorStatus.PAUSED.equals(t.state())),
                            "a paused task",
                            TIMEOUT);
            organizations.throttleNextPage(1);
            organizations.put("666666666666", "root+666@example.com", "foxtrot");
            organizations.put("222222222222", "root+222@example.com", "bravo (renamed)");
            organizations.put("333333333333", "root+333@example.com", "charlie", "SUSPENDED", "r-root");
            organizations.remove("444444444444");
            stack.rest().resume(CONNECTOR);

            // then exactly the changes are written: two mappings and two tombstones
            await().atMost(TIMEOUT).until(() -> consumer.poll().keys(TOPIC).size() >= 9);
            final List<ConsumerRecord<String, byte[]>> changes =
                    consumer.records(TOPIC).subList(5, 9);
            assertThat(changes)
                    .extracting(r -> new SimpleEntry<>(r.key(), mappingName(deserializer, r)))
                    .containsExactlyInAnyOrder(
                            new SimpleEntry<>("222222222222", "bravo (renamed)"),
                            new SimpleEntry<>("666666666666", "foxtrot"),
                            new SimpleEntry<>("333333333333", null), // suspended: tombstone
                            new SimpleEntry<>("444444444444", null)); // left the organization: tombstone
            assertThat(organizations.throttled())
                    .as("the throttled page was retried")
                    .isEqualTo(1);
            assertNothingNewAcrossTwoSyncs(consumer, 9);
        }
    }

    private static Map<String, String> connectorConfig() {
        final Map<String, String> config = stack.connectorConfig(OrganizationsSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topic", TOPIC);
        config.put("poll.interval.ms", "1000");
        config.put("organizations.page.size", "2");
        config.put("aws.endpoint.url", organizations.endpoint());
        config.put("aws.access.key.id", "AKIDEXAMPLE");
        config.put("aws.secret.access.key", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        config.put("aws.max.attempts", "5");
        return config;
    }

    /** Holds while the connector lists the whole organization at least twice more. */
    private static void assertNothingNewAcrossTwoSyncs(final ReadCommittedConsumer consumer, final int records) {
        final int listedBefore = organizations.calls("ListAccounts");
        await().during(STEADY)
                .atMost(TIMEOUT)
                .until(() -> consumer.poll().keys(TOPIC).size() == records);
        assertThat(organizations.calls("ListAccounts"))
                .as("three pages per sync")
                .isGreaterThanOrEqualTo(listedBefore + 2 * 3);
    }

    /** The account name of a mapping, or null for a tombstone. */
    private static String mappingName(
            final AvroDeserializer<AccountMapping> deserializer, final ConsumerRecord<String, byte[]> record) {
        final AccountMapping mapping = deserializer.deserialize(record.topic(), record.value());
        return mapping == null ? null : mapping.getName();
    }
}
