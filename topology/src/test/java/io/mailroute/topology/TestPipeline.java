package io.mailroute.topology;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.AccountStatus;
import io.mailroute.avro.Alert;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.OwnerContacts;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.RetryMail;
import io.mailroute.avro.Rule;
import io.mailroute.avro.SentCount;
import io.mailroute.avro.Storage;
import io.mailroute.avro.Suppression;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.Topic;
import io.mailroute.topology.config.MailrouteConfig;
import io.mailroute.topology.support.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The mail topology in a {@link TopologyTestDriver}, built by the production {@code build(...)}
 * with a {@code mock://} registry scope, with typed input and output topics and small factories
 * for mails and account mappings. Wall-clock time starts at {@link #START} and only moves when a
 * test moves it.
 */
final class TestPipeline implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-20T09:00:00Z");
    /** The application id, the prefix of the names of the repartition and changelog topics. */
    static final String APPLICATION_ID = "mailroute-test";

    final String scope;
    final Path stateDir;
    final MailTopics topics;
    final TopologyTestDriver driver;
    final TestInputTopic<String, RawMail> raw;
    final TestInputTopic<String, AccountMapping> accounts;
    final TestInputTopic<String, OwnerContacts> contacts;
    final TestInputTopic<String, Rule> rules;
    final TestInputTopic<String, RetryMail> retryIn;
    final TestInputTopic<String, Suppression> suppressionsIn;
    final TestInputTopic<String, SentCount> sentCounts;
    final TestOutputTopic<String, ClassifiedMail> notify;
    final TestOutputTopic<String, ClassifiedMail> ticket;
    final TestOutputTopic<String, ClassifiedMail> orderImport;
    final TestOutputTopic<String, ClassifiedMail> quarantine;
    final TestOutputTopic<String, RetryMail> retry;
    final TestOutputTopic<String, DeadLetter> dlq;
    final TestOutputTopic<String, MailStatus> status;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<String, Suppression> suppressions;
    final TestOutputTopic<String, RawMail> overflow;

    TestPipeline(final String scope) {
        this(scope, Map.of(), TopologyServices.inlineOnly());
    }

    TestPipeline(final String scope, final Map<String, ?> overrides, final TopologyServices services) {
        this.scope = scope;
        try {
            this.stateDir = Files.createTempDirectory("mailroute-ttd-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final Map<String, Object> settings = settings(scope, stateDir);
        settings.putAll(overrides);
        this.topics = MailTopics.create(settings, SchemaRegistryClients.fromConfig(settings), settings);
        this.driver = new TopologyTestDriver(
                MailTopology.build(settings, topics, services), MailStreamsConfig.properties(settings), START);
        this.raw = input(topics.raw());
        this.accounts = input(topics.accounts());
        this.contacts = input(topics.contacts());
        this.rules = input(topics.rules());
        this.retryIn = input(topics.retry());
        this.suppressionsIn = input(topics.suppressions());
        this.sentCounts = input(topics.sentCounts());
        this.notify = output(topics.notifications());
        this.ticket = output(topics.ticket());
        this.orderImport = output(topics.orderImport());
        this.quarantine = output(topics.quarantine());
        this.retry = output(topics.retry());
        this.dlq = output(topics.dlq());
        this.status = output(topics.status());
        this.alerts = output(topics.alerts());
        this.suppressions = output(topics.suppressions());
        this.overflow = output(topics.overflow());
    }

    /** The settings tests build the topology with: a mock registry scope and a private state directory. */
    static Map<String, Object> settings(final String scope, final Path stateDir) {
        final Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        settings.put("schema.registry.url", "mock://" + scope);
        settings.put(
                MailrouteConfig.RETRY_BACKOFF_INITIAL_MS_CONFIG,
                Duration.ofMinutes(1).toMillis());
        settings.put(
                MailrouteConfig.RETRY_CHECK_INTERVAL_MS_CONFIG,
                Duration.ofSeconds(10).toMillis());
        return settings;
    }

    /** An INLINE raw mail as the S3 connector writes it. */
    static RawMail inline(final String mailId, final byte[] bytes) {
        return RawMail.newBuilder()
                .setMailId(mailId)
                .setBucket("mail-inbound")
                .setKey(mailId)
                .setSize(bytes.length)
                .setSha256(Hashes.sha256Hex(bytes))
                .setReceivedAt(START)
                .setIngestedAt(START)
                .setStorage(Storage.INLINE)
                .setContent(ByteBuffer.wrap(bytes))
                .build();
    }

    static AccountMapping account(final String accountId, final String email, final String name) {
        return AccountMapping.newBuilder()
                .setAccountId(accountId)
                .setEmail(email)
                .setName(name)
                .setStatus(AccountStatus.ACTIVE)
                .setSource("test")
                .setSyncedAt(START)
                .build();
    }

    static OwnerContacts contacts(final String ownerId, final String locale, final String... recipients) {
        return OwnerContacts.newBuilder()
                .setOwnerId(ownerId)
                .setRecipients(List.of(recipients))
                .setLocale(locale)
                .setName(null)
                .build();
    }

    void send(final RawMail mail) {
        raw.pipeInput(mail.getMailId(), mail, START);
    }

    void addAccount(final String accountId, final String email, final String name) {
        accounts.pipeInput(accountId, account(accountId, email, name), START);
    }

    void addContacts(final String ownerId, final String locale, final String... recipients) {
        contacts.pipeInput(ownerId, contacts(ownerId, locale, recipients), START);
    }

    /** Moves the wall clock, firing the retry check punctuation on the way. */
    void advance(final Duration by) {
        driver.advanceWallClockTime(by);
    }

    /** A record the topology wrote, with its topic. */
    record Written(String topic, TestRecord<String, ?> record) {}

    /** Every lane, retry, dead letter, status, alert and suppression record written so far, drained, topic by topic. */
    List<Written> drainAll() {
        final List<Written> written = new ArrayList<>();
        drain(written, topics.notifications(), notify);
        drain(written, topics.ticket(), ticket);
        drain(written, topics.orderImport(), orderImport);
        drain(written, topics.quarantine(), quarantine);
        drain(written, topics.retry(), retry);
        drain(written, topics.dlq(), dlq);
        drain(written, topics.status(), status);
        drain(written, topics.alerts(), alerts);
        drain(written, topics.suppressions(), suppressions);
        drain(written, topics.overflow(), overflow);
        return written;
    }

    private static <V> void drain(
            final List<Written> written, final Topic<String, V> topic, final TestOutputTopic<String, V> output) {
        output.readRecordsToList().forEach(r -> written.add(new Written(topic.name(), r)));
    }

    private <V> TestInputTopic<String, V> input(final Topic<String, V> topic) {
        return driver.createInputTopic(
                topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(final Topic<String, V> topic) {
        return driver.createOutputTopic(
                topic.name(),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            SchemaRegistryClients.dropScope(scope);
            deleteRecursively(stateDir);
        }
    }

    private static void deleteRecursively(final Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
