package io.mailroute.connectors.s3;

import io.mailroute.connectors.common.AvroValueEncoder;
import io.mailroute.connectors.common.ConnectorVersion;
import io.mailroute.connectors.s3.S3MailSourceConfig.IngestMode;
import io.mailroute.s3.ClaimChecks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Reads the mail objects this task owns and emits one record per object. It only wires the
 * collaborators: {@link S3Objects} (the S3 calls), {@link ObjectScanner} (listing passes),
 * {@link ObjectNotifications} (the SQS queue of notifications mode),
 * {@link ObjectProgress} (per-object offsets), {@link ClaimChecks} (reading mail),
 * {@link AfterReadActions}, {@link MailRecords} and {@link S3MailMetrics}, driven by {@link MailIngestor}.
 *
 * <p>{@link #commitRecord} is where after-read actions are released: the worker calls it once a
 * record is acknowledged, and with exactly-once support only after the transaction holding the
 * record and its offset committed; the actions themselves, and deleting the notification that named
 * the object, run on the task thread in the next poll.
 */
public final class S3MailSourceTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(S3MailSourceTask.class);

    private final Time time;
    private final Function<S3MailSourceConfig, S3Client> clientFactory;
    private final Function<S3MailSourceConfig, SqsClient> sqsFactory;
    private Optional<ObjectNotifications> notifications = Optional.empty();
    private S3Objects s3;
    private AvroValueEncoder encoder;
    private MailIngestor ingestor;

    public S3MailSourceTask() {
        this(Time.SYSTEM, S3Objects::client, S3Objects::sqsClient);
    }

    S3MailSourceTask(
            final Time time,
            final Function<S3MailSourceConfig, S3Client> clientFactory,
            final Function<S3MailSourceConfig, SqsClient> sqsFactory) {
        this.time = time;
        this.clientFactory = clientFactory;
        this.sqsFactory = sqsFactory;
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(final Map<String, String> props) {
        final S3MailSourceConfig config = new S3MailSourceConfig(props);
        final KeyHashAssignment assignment = KeyHashAssignment.fromTaskConfig(props);
        final S3Client client = clientFactory.apply(config);
        s3 = new S3Objects(client);
        encoder = new AvroValueEncoder(props);
        final ObjectProgress progress = new ObjectProgress(context.offsetStorageReader(), config.bucket());
        final S3MailMetrics metrics = new S3MailMetrics(
                context.pluginMetrics(),
                "s3-mail:" + props.getOrDefault("name", "") + ":" + assignment.taskId() + ":",
                time,
                progress::oldestWaiting,
                progress::inFlight);
        notifications = config.ingestMode() == IngestMode.NOTIFICATIONS
                ? Optional.of(new ObjectNotifications(
                        sqsFactory.apply(config), config.sqs().queueUrl(), config, metrics))
                : Optional.empty();
        ingestor = new MailIngestor(
                config,
                new ObjectScanner(s3, config, assignment),
                notifications,
                s3,
                progress,
                new ClaimChecks(client),
                new AfterReadActions(s3, config),
                new MailRecords(config.topic(), config.dlqTopic(), encoder),
                metrics,
                time);
        log.info(
                "S3 mail source task {} of {} reads s3://{}/{} {}, listing every {}, after read: {}",
                assignment.taskId(),
                assignment.taskCount(),
                config.bucket(),
                config.prefix(),
                notifications.isPresent() ? "as notified by " + config.sqs().queueUrl() : "as listed",
                config.listingInterval(),
                config.afterRead());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        return ingestor.poll();
    }

    /**
     * Releases the record's after-read action. {@code metadata} is null when a transform dropped
     * the record; the connector's validation forbids {@code errors.tolerance=all}, so a null never
     * stands for a record the producer failed to write.
     */
    @Override
    public void commitRecord(final SourceRecord record, final RecordMetadata metadata) {
        if (metadata == null) {
            log.debug("Record of {} was dropped by a transform; finishing the object as handled", record.key());
        }
        ingestor.committed(record);
    }

    @Override
    public void stop() {
        if (ingestor != null) {
            ingestor.stop();
        }
        if (s3 != null) {
            s3.close();
        }
        notifications.ifPresent(ObjectNotifications::close);
        if (encoder != null) {
            encoder.close();
        }
    }
}
