package io.mailroute.connectors.organizations;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.AccountStatus;
import io.mailroute.connectors.common.AvroValueEncoder;
import io.mailroute.connectors.common.ConnectorVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClientBuilder;

/**
 * Syncs accounts on start and every {@code poll.interval.ms}: lists the organization, compares
 * with the snapshot in its source offset and writes only the changes (a mapping per new or
 * changed ACTIVE account, a tombstone per account that left or stopped being ACTIVE).
 *
 * <p>All records of one sync share one source partition; only the last carries the new snapshot,
 * so the snapshot is committed only once every change before it has been acknowledged.
 */
public final class OrganizationsSourceTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(OrganizationsSourceTask.class);
    static final String PARTITION_KEY = "organizations";

    private final Time time;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private OrganizationsSourceConfig config;
    private OrganizationsClient client;
    private AccountLister lister;
    private AvroValueEncoder encoder;
    private Map<String, String> partition;
    private AccountSnapshot snapshot;
    private long nextSyncMs;
    private int consecutiveFailures;

    public OrganizationsSourceTask() {
        this(Time.SYSTEM);
    }

    OrganizationsSourceTask(final Time time) {
        this.time = time;
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(final Map<String, String> props) {
        config = new OrganizationsSourceConfig(props);
        final OrganizationsClientBuilder builder = OrganizationsClient.builder()
                .region(config.aws().region())
                .credentialsProvider(config.aws().credentialsProvider())
                .overrideConfiguration(config.aws().overrides())
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        config.aws().endpointOverride().ifPresent(builder::endpointOverride);
        client = builder.build();
        lister = new AccountLister(client, config.parentIds(), config.recursive(), config.pageSize());
        encoder = new AvroValueEncoder(props);
        partition = Map.of(PARTITION_KEY, config.scope());
        snapshot = AccountSnapshot.fromOffset(context.offsetStorageReader().offset(partition));
        nextSyncMs = time.milliseconds();
        log.info(
                "Organizations sync of {} starts with {} known accounts, every {}",
                config.scope(),
                snapshot.size(),
                config.pollInterval());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        final long waitMs = nextSyncMs - time.milliseconds();
        if (waitMs > 0) {
            stopping.await(Math.min(waitMs, 1_000L), TimeUnit.MILLISECONDS);
            return null;
        }
        final Map<String, OrgAccount> listed;
        try {
            listed = lister.list();
        } catch (SdkException e) {
            return retryLaterOrFail(e);
        }
        consecutiveFailures = 0;
        nextSyncMs = time.milliseconds() + config.pollInterval().toMillis();
        final AccountSnapshot.Diff diff = snapshot.diff(listed);
        log.info(
                "Organizations sync of {}: {} accounts listed, {} new or changed, {} removed",
                config.scope(),
                listed.size(),
                diff.upserts().size(),
                diff.removals().size());
        if (diff.isEmpty()) {
            return null;
        }
        final List<SourceRecord> records = toRecords(diff);
        snapshot = diff.next();
        return records;
    }

    private List<SourceRecord> retryLaterOrFail(final SdkException e) {
        final boolean retryable = e.retryable()
                || isNetworkFailure(e)
                || e instanceof AwsServiceException service
                        && (service.isThrottlingException() || service.statusCode() >= 500);
        if (!retryable) {
            throw new ConnectException(
                    "Organizations sync of " + config.scope() + " failed and will not succeed by retrying: "
                            + e.getMessage(),
                    e);
        }
        consecutiveFailures++;
        final long backoffMs =
                Math.min(config.maxFailureBackoff().toMillis(), 1_000L << Math.min(consecutiveFailures, 20));
        nextSyncMs = time.milliseconds() + backoffMs;
        log.warn(
                "Organizations sync of {} failed ({} in a row), retrying in {}: {}",
                config.scope(),
                consecutiveFailures,
                Duration.ofMillis(backoffMs),
                e.getMessage());
        return null;
    }

    /** Connection refused or reset, timeouts: the SDK wraps the I/O error in a client exception that is not marked retryable. */
    private static boolean isNetworkFailure(final Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    private List<SourceRecord> toRecords(final AccountSnapshot.Diff diff) {
        final Instant syncedAt = Instant.ofEpochMilli(time.milliseconds());
        final Map<String, Object> before = snapshot.toOffset();
        final Map<String, Object> after = diff.next().toOffset();
        final List<SourceRecord> records =
                new ArrayList<>(diff.upserts().size() + diff.removals().size());
        final int last = diff.upserts().size() + diff.removals().size() - 1;
        for (final OrgAccount account : diff.upserts()) {
            final byte[] value = encoder.encode(config.topic(), toMapping(account, syncedAt));
            records.add(record(account.id(), value, records.size() == last ? after : before, syncedAt));
        }
        for (final String removed : diff.removals()) {
            records.add(record(removed, null, records.size() == last ? after : before, syncedAt));
        }
        return records;
    }

    private SourceRecord record(
            final String accountId, final byte[] value, final Map<String, Object> offset, final Instant at) {
        return new SourceRecord(
                partition,
                offset,
                config.topic(),
                null,
                Schema.STRING_SCHEMA,
                accountId,
                Schema.OPTIONAL_BYTES_SCHEMA,
                value,
                at.toEpochMilli());
    }

    private AccountMapping toMapping(final OrgAccount account, final Instant syncedAt) {
        return AccountMapping.newBuilder()
                .setAccountId(account.id())
                .setEmail(account.email())
                .setName(account.name())
                .setStatus(AccountStatus.ACTIVE)
                .setSource(config.sourceName())
                .setJoinedAt(account.joinedAt())
                .setSyncedAt(syncedAt)
                .build();
    }

    @Override
    public void stop() {
        stopping.countDown();
        if (client != null) {
            client.close();
        }
        if (encoder != null) {
            encoder.close();
        }
    }
}
