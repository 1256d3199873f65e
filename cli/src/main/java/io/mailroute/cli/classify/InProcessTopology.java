package io.mailroute.cli.classify;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.OwnerContacts;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.Rule;
import io.mailroute.avro.Storage;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.topics.MailTopic;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.Topic;
import io.mailroute.topology.MailStreamsConfig;
import io.mailroute.topology.MailTopology;
import io.mailroute.topology.TopologyServices;
import io.mailroute.topology.support.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The production mail topology run in this process on a {@link TopologyTestDriver}: no broker,
 * an in-process {@code mock://} registry, inline mail only. Accounts, contacts and rules are
 * published to their topics exactly as in a cluster, so the topology does exactly what it does there.
 */
public final class InProcessTopology implements AutoCloseable {
    /** Topics whose records {@link #classify} returns, in this order. */
    private static final List<MailTopic> OUTPUTS = List.of(
            MailTopic.NOTIFY,
            MailTopic.TICKET,
            MailTopic.ORDER_IMPORT,
            MailTopic.QUARANTINE,
            MailTopic.RETRY,
            MailTopic.DLQ,
            MailTopic.STATUS,
            MailTopic.ALERTS,
            MailTopic.SUPPRESSIONS);

    /** A record the topology wrote. */
    public record Output(String topic, String key, SpecificRecord value) {}

    private final String scope = "classify-" + UUID.randomUUID();
    private final Path stateDir;
    private final MailTopics topics;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, RawMail> raw;

    /**
     * @param rules the rules to publish to mail.rules; empty for the default pack
     * @param now   the wall-clock time the run starts at
     */
    public InProcessTopology(final List<AccountMapping> accounts, final List<Rule> rules, final Instant now)
            throws IOException {
        this(accounts, List.of(), rules, now);
    }

    /**
     * @param contacts the owners' contacts to publish to mail.contacts
     * @param rules    the rules to publish to mail.rules; empty for the default pack
     * @param now      the wall-clock time the run starts at
     */
    public InProcessTopology(
            final List<AccountMapping> accounts,
            final List<OwnerContacts> contacts,
            final List<Rule> rules,
            final Instant now)
            throws IOException {
        stateDir = Files.createTempDirectory("mailroute-classify-");
        final Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "mailroute-classify");
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "in-process:9092");
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        settings.put("schema.registry.url", SchemaRegistryClients.MOCK_SCHEME + scope);
        topics = MailTopics.create(settings, SchemaRegistryClients.fromConfig(settings), settings);
        driver = new TopologyTestDriver(
                MailTopology.build(settings, topics, TopologyServices.inlineOnly()),
                MailStreamsConfig.properties(settings),
                now);
        raw = input(topics.raw());
        final TestInputTopic<String, AccountMapping> accountsIn = input(topics.accounts());
        accounts.forEach(a -> accountsIn.pipeInput(a.getAccountId(), a, now));
        final TestInputTopic<String, OwnerContacts> contactsIn = input(topics.contacts());
        contacts.forEach(c -> contactsIn.pipeInput(c.getOwnerId(), c, now));
        final TestInputTopic<String, Rule> rulesIn = input(topics.rules());
        rules.forEach(r -> rulesIn.pipeInput(r.getRuleId(), r, now));
    }

    /**
     * Runs one mail through the topology.
     *
     * @param mailId     the mail id (and S3 key) to give it
     * @param bytes      the mail
     * @param receivedAt when it arrived
     * @return everything the topology wrote for it, topic by topic
     */
    public List<Output> classify(final String mailId, final byte[] bytes, final Instant receivedAt) {
        final RawMail mail = RawMail.newBuilder()
                .setMailId(mailId)
                .setBucket("local")
                .setKey(mailId)
                .setSize(bytes.length)
                .setSha256(Hashes.sha256Hex(bytes))
                .setReceivedAt(receivedAt)
                .setIngestedAt(receivedAt)
                .setStorage(Storage.INLINE)
                .setContent(ByteBuffer.wrap(bytes))
                .build();
        raw.pipeInput(mailId, mail, receivedAt);
        final List<Output> outputs = new ArrayList<>();
        for (final MailTopic id : OUTPUTS) {
            final String name = topics.names().name(id);
            final Deserializer<? extends SpecificRecord> values =
                    topics.valueSerde(id.valueType()).deserializer();
            if (driver.producedTopicNames().contains(name)) {
                for (final TestRecord<String, ? extends SpecificRecord> record : driver.createOutputTopic(
                                name, new StringDeserializer(), values)
                        .readRecordsToList()) {
                    outputs.add(new Output(name, record.key(), record.value()));
                }
            }
        }
        return outputs;
    }

    private <V> TestInputTopic<String, V> input(final Topic<String, V> topic) {
        return driver.createInputTopic(
                topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            SchemaRegistryClients.dropScope(scope);
            try (Stream<Path> paths = Files.walk(stateDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
