package io.mailroute.connectors.organizations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.AccountStatus;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.serde.AvroDeserializer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The task against the Organizations stub through the real AWS SDK, with offsets kept in memory. */
class OrganizationsSourceTaskTest {
    private static final String SCOPE = OrganizationsSourceTaskTest.class.getSimpleName();

    private OrganizationsStub stub;
    private final ManualTime time = new ManualTime();
    private final Map<Map<String, ?>, Map<String, ?>> committed = new HashMap<>();
    private OrganizationsSourceTask task;

    @BeforeEach
    void setUp() throws IOException {
        stub = new OrganizationsStub();
    }

    @AfterEach
    void tearDown() {
        if (task != null) {
            task.stop();
        }
        stub.close();
        SchemaRegistryClients.dropScope(SCOPE);
    }

    private Map<String, String> config(final String... extra) {
        final Map<String, String> props = new LinkedHashMap<>();
        props.put(OrganizationsSourceConfig.TOPIC_CONFIG, "mail.accounts");
        props.put("aws.endpoint.url", stub.endpoint());
        props.put("aws.access.key.id", "AKIDEXAMPLE");
        props.put("aws.secret.access.key", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        props.put("aws.max.attempts", "5");
        props.put("schema.registry.url", "mock://" + SCOPE);
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return props;
    }

    private void startTask(final Map<String, String> props) {
        task = new OrganizationsSourceTask(time);
        task.initialize(new MemoryContext(props, () -> committed));
        task.start(props);
    }

    /** Polls one sync and "commits" the offsets of every record, as the worker does after the acks. */
    private List<SourceRecord> sync() throws InterruptedException {
        final List<SourceRecord> records = task.poll();
        if (records == null) {
            return List.of();
        }
        records.forEach(r -> committed.put(r.sourcePartition(), r.sourceOffset()));
        return records;
    }

    private static Map<String, AccountMapping> values(final List<SourceRecord> records) {
        final AvroDeserializer<AccountMapping> deserializer =
                new AvroDeserializer<>(SchemaRegistryClients.scope(SCOPE), AccountMapping.class);
        final Map<String, AccountMapping> values = new LinkedHashMap<>();
        records.forEach(r -> values.put(
                (String) r.key(), r.value() == null ? null : deserializer.deserialize(r.topic(), (byte[]) r.value())));
        return values;
    }

    @Test
    void shouldEmitEveryActiveAccountAcrossPagesOnTheFirstSync() throws Exception {
        // given: 45 accounts, read 20 per page, one of them suspended
        for (int i = 0; i < 45; i++) {
            stub.put(String.format("1000000000%02d", i), "root+" + i + "@example.com", "Account " + i);
        }
        stub.put("100000000007", "root+7@example.com", "Account 7", "SUSPENDED", "r-root");
        startTask(config());

        // when
        final Map<String, AccountMapping> values = values(sync());

        // then
        assertThat(values).hasSize(44).doesNotContainKey("100000000007");
        assertThat(values.get("100000000001")).satisfies(m -> {
            assertThat(m.getEmail()).isEqualTo("root+1@example.com");
            assertThat(m.getName()).isEqualTo("Account 1");
            assertThat(m.getStatus()).isEqualTo(AccountStatus.ACTIVE);
            assertThat(m.getSource()).isEqualTo("organizations");
            assertThat(m.getJoinedAt()).isNotNull();
        });
        assertThat(stub.calls("ListAccounts")).isEqualTo(3);
    }

    @Test
    void shouldEmitOnlyChangesAndTombstonesOnLaterSyncs() throws Exception {
        // given
        stub.put("111111111111", "a@example.com", "A");
        stub.put("222222222222", "b@example.com", "B");
        stub.put("333333333333", "c@example.com", "C");
        startTask(config());
        sync();

        // when: one renamed, one suspended, one removed, one added
        stub.put("111111111111", "a@example.com", "A renamed");
        stub.put("222222222222", "b@example.com", "B", "SUSPENDED", "r-root");
        stub.remove("333333333333");
        stub.put("444444444444", "taro.@docomo.ne.jp", "D");
        time.sleep(TimeUnit.HOURS.toMillis(1));
        final List<SourceRecord> records = sync();

        // then
        final Map<String, AccountMapping> values = values(records);
        assertThat(values.keySet())
                .containsExactlyInAnyOrder("111111111111", "444444444444", "222222222222", "333333333333");
        assertThat(values.get("111111111111").getName()).isEqualTo("A renamed");
        assertThat(values.get("444444444444").getEmail()).isEqualTo("taro.@docomo.ne.jp"); // kept byte for byte
        assertThat(values.get("222222222222")).isNull(); // tombstone
        assertThat(values.get("333333333333")).isNull(); // tombstone
        assertThat(records.subList(0, records.size() - 1))
                .allSatisfy(r -> assertThat(
                                AccountSnapshot.fromOffset(r.sourceOffset()).size())
                        .isEqualTo(3));
        assertThat(AccountSnapshot.fromOffset(records.get(records.size() - 1).sourceOffset())
                        .size())
                .isEqualTo(2);
    }

    @Test
    void shouldProduceNothingForASteadyOrganizationEvenAfterARestart() throws Exception {
        // given
        stub.put("111111111111", "a@example.com", "A");
        startTask(config());
        assertThat(sync()).hasSize(1);

        // when
        time.sleep(TimeUnit.HOURS.toMillis(1));
        final List<SourceRecord> second = sync();
        task.stop();
        startTask(config());
        final List<SourceRecord> afterRestart = sync();

        // then
        assertThat(second).isEmpty();
        assertThat(afterRestart).isEmpty();
        assertThat(stub.calls("ListAccounts")).isEqualTo(3);
    }

    @Test
    void shouldWaitForThePollIntervalBetweenSyncs() throws Exception {
        stub.put("111111111111", "a@example.com", "A");
        startTask(config(OrganizationsSourceConfig.POLL_INTERVAL_MS_CONFIG, "60000"));
        sync();

        time.sleep(59_999);
        assertThat(task.poll()).isNull();

        assertThat(stub.calls("ListAccounts")).isEqualTo(1);
    }

    @Test
    void shouldRideOutThrottlingWithTheSdkRetries() throws Exception {
        // given
        stub.put("111111111111", "a@example.com", "A");
        stub.throttleNext(3);
        startTask(config());

        // when
        final List<SourceRecord> records = sync();

        // then
        assertThat(records).hasSize(1);
        assertThat(stub.calls("ListAccounts")).isEqualTo(4);
    }

    @Test
    void shouldBackOffAndRetryWhenThrottlingOutlastsTheSdkRetries() throws Exception {
        // given
        stub.put("111111111111", "a@example.com", "A");
        stub.throttleNext(7);
        startTask(config("aws.max.attempts", "3"));

        // when
        final List<SourceRecord> first = sync();
        final List<SourceRecord> tooEarly = sync();
        time.sleep(2_000);
        final List<SourceRecord> second = sync();
        time.sleep(4_000);
        final List<SourceRecord> third = sync();

        // then
        assertThat(first).isEmpty();
        assertThat(tooEarly).isEmpty();
        assertThat(second).isEmpty();
        assertThat(third).hasSize(1);
    }

    @Test
    void shouldBackOffAndRetryWhenTheEndpointIsUnreachable() throws Exception {
        // given an endpoint nobody listens on
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        startTask(config("aws.endpoint.url", "http://127.0.0.1:" + closedPort, "aws.max.attempts", "1"));

        // when
        final List<SourceRecord> records = sync();

        // then the network error is transient: no records, no failed task
        assertThat(records).isEmpty();
    }

    @Test
    void shouldFailFastWhenAccessIsDenied() {
        stub.denyNext(1);
        startTask(config());

        assertThatThrownBy(task::poll)
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("will not succeed by retrying")
                .hasMessageContaining("permissions");
    }

    @Test
    void shouldScopeToParentsAndNestedOus() throws Exception {
        // given
        stub.put("111111111111", "a@example.com", "A", "ACTIVE", "ou-a");
        stub.put("222222222222", "b@example.com", "B", "ACTIVE", "ou-a-nested");
        stub.put("333333333333", "c@example.com", "C", "ACTIVE", "ou-other");
        stub.addOu("ou-a", "ou-a-nested");
        startTask(config(OrganizationsSourceConfig.PARENT_IDS_CONFIG, "ou-a"));

        // when
        final Map<String, AccountMapping> values = values(sync());

        // then
        assertThat(values).containsOnlyKeys("111111111111", "222222222222");
        assertThat(stub.calls("ListAccounts")).isZero();
    }

    @Test
    void shouldSignRequestsWithoutEverSendingTheSecret() throws Exception {
        stub.put("111111111111", "a@example.com", "A");
        startTask(config());
        sync();

        assertThat(stub.authorizationHeaders()).allSatisfy(h -> {
            assertThat(h).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/");
            assertThat(h).doesNotContain("wJalrXUtnFEMI");
        });
    }

    @Test
    void shouldWriteBytesWithAnOptionalBytesSchemaAndStringKeys() throws Exception {
        stub.put("111111111111", "a@example.com", "A");
        startTask(config());

        final SourceRecord record = sync().get(0);

        assertThat(record.keySchema().type().getName()).isEqualTo("string");
        assertThat(record.valueSchema().isOptional()).isTrue();
        assertThat(ByteBuffer.wrap((byte[]) record.value()).get()).isZero(); // Confluent magic byte
    }

    /** A {@link Time} the test moves forward by hand. */
    static final class ManualTime implements Time {
        private long now = 1_700_000_000_000L;

        @Override
        public long milliseconds() {
            return now;
        }

        @Override
        public long nanoseconds() {
            return TimeUnit.MILLISECONDS.toNanos(now);
        }

        @Override
        public void sleep(final long ms) {
            now += ms;
        }

        @Override
        public void waitObject(final Object obj, final Supplier<Boolean> condition, final long deadlineMs) {
            throw new UnsupportedOperationException("not used by the task");
        }
    }

    /** The task's view of the worker: its config and the committed offsets. */
    private record MemoryContext(Map<String, String> configs, Supplier<Map<Map<String, ?>, Map<String, ?>>> offsets)
            implements SourceTaskContext {
        @Override
        public PluginMetrics pluginMetrics() {
            throw new UnsupportedOperationException("the task registers no plugin metrics");
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new OffsetStorageReader() {
                @Override
                @SuppressWarnings("unchecked")
                public <T> Map<String, Object> offset(final Map<String, T> partition) {
                    return (Map<String, Object>) offsets.get().get(partition);
                }

                @Override
                public <T> Map<Map<String, T>, Map<String, Object>> offsets(
                        final Collection<Map<String, T>> partitions) {
                    final Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
                    partitions.forEach(p -> result.put(p, offset(p)));
                    return result;
                }
            };
        }
    }
}
