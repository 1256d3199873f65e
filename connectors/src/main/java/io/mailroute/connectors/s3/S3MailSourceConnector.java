package io.mailroute.connectors.s3;

import io.mailroute.connectors.common.ConnectorVersion;
import io.mailroute.connectors.common.RegistryConfig;
import io.mailroute.connectors.s3.S3MailSourceConfig.AfterRead;
import io.mailroute.connectors.s3.S3MailSourceConfig.IngestMode;
import io.mailroute.s3.S3ConfigFragment;
import io.mailroute.s3.S3Failure;
import io.mailroute.s3.SqsConfigFragment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * The door every mail enters through: reads the mail objects SES (or any MTA) drops into an S3
 * bucket and writes one {@code RawMail} record per object to {@code mail.raw}, keyed by the object
 * key, never splitting a mail. Small mails travel inline, larger ones as a claim check. Progress
 * is tracked per object (keys are random), so after a restart no object is skipped; with the
 * worker's exactly-once source support none is written twice either. Unreadable objects become
 * {@code DeadLetter} records on {@code mail.dlq}. Values are Confluent-wire-format Avro (use
 * ByteArrayConverter).
 */
public final class S3MailSourceConnector extends SourceConnector {
    static final String ERRORS_TOLERANCE_CONFIG = "errors.tolerance";
    static final String KEY_CONVERTER_CONFIG = "key.converter";
    static final String REQUIRED_KEY_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
    static final String MAX_REQUEST_SIZE_OVERRIDE = "producer.override.max.request.size";

    private Map<String, String> props;

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(final Map<String, String> props) {
        this.props = Map.copyOf(props);
        new S3MailSourceConfig(this.props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return S3MailSourceTask.class;
    }

    /**
     * {@code maxTasks} tasks, each owning the keys that hash to its id; in notifications mode one
     * task, which owns every key: an SQS message goes to whichever consumer receives it, so several
     * tasks on one queue would receive keys they do not own (and handing a message back only moves
     * it to another random consumer).
     */
    @Override
    public List<Map<String, String>> taskConfigs(final int maxTasks) {
        final int tasks = new S3MailSourceConfig(props).ingestMode() == IngestMode.NOTIFICATIONS ? 1 : maxTasks;
        final List<Map<String, String>> configs = new ArrayList<>(tasks);
        for (int task = 0; task < tasks; task++) {
            configs.add(KeyHashAssignment.taskConfig(props, task, tasks));
        }
        return configs;
    }

    @Override
    public void stop() {
        // nothing to release: tasks own the clients
    }

    @Override
    public ConfigDef config() {
        return S3MailSourceConfig.configDef();
    }

    /**
     * Field validation, then the cross-field rules (each error on the key to change), then, when
     * all of that passed, whether the bucket can be reached with the given credentials.
     */
    @Override
    public Config validate(final Map<String, String> connectorConfigs) {
        final Config config = super.validate(connectorConfigs);
        final Map<String, ConfigValue> values =
                config.configValues().stream().collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        S3MailSourceConfig.S3.validate(values);
        RegistryConfig.validate(connectorConfigs, values);
        validateConverterAndTolerance(connectorConfigs, values);
        validateQueue(values);
        if (values.values().stream().allMatch(v -> v.errorMessages().isEmpty())) {
            validateLayout(new S3MailSourceConfig(connectorConfigs), connectorConfigs, values);
        }
        if (values.values().stream().allMatch(v -> v.errorMessages().isEmpty())) {
            validateBucketAccess(connectorConfigs, values.get(S3MailSourceConfig.BUCKET_CONFIG));
        }
        return config;
    }

    private static void validateConverterAndTolerance(
            final Map<String, String> props, final Map<String, ConfigValue> values) {
        final String keyConverter = props.get(KEY_CONVERTER_CONFIG);
        if (keyConverter != null && !REQUIRED_KEY_CONVERTER.equals(keyConverter)) {
            values.get(S3MailSourceConfig.TOPIC_CONFIG)
                    .addErrorMessage(KEY_CONVERTER_CONFIG + " must be " + REQUIRED_KEY_CONVERTER
                            + " so that the record key is the object key as written; found " + keyConverter);
        }
        final String tolerance = props.get(ERRORS_TOLERANCE_CONFIG);
        if (tolerance != null && !"none".equalsIgnoreCase(tolerance.trim())) {
            values.get(S3MailSourceConfig.DLQ_TOPIC_CONFIG)
                    .addErrorMessage(ERRORS_TOLERANCE_CONFIG
                            + " must be none: a mail whose record cannot be written must stop the task, not be skipped (found "
                            + tolerance + "); unreadable objects go to " + S3MailSourceConfig.DLQ_TOPIC_CONFIG
                            + " anyway");
        }
    }

    /** Notifications mode needs a queue. */
    private static void validateQueue(final Map<String, ConfigValue> values) {
        final ConfigValue mode = values.get(S3MailSourceConfig.INGEST_MODE_CONFIG);
        final ConfigValue queue = values.get(S3MailSourceConfig.SQS.key(SqsConfigFragment.QUEUE_URL_CONFIG));
        if (mode.value() != null
                && "notifications".equalsIgnoreCase(mode.value().toString().trim())
                && (queue.value() == null || queue.value().toString().isBlank())) {
            queue.addErrorMessage(queue.name() + " must name the queue of the bucket's notifications when "
                    + S3MailSourceConfig.INGEST_MODE_CONFIG + "=notifications");
        }
    }

    /** Destinations must not be listed again, and inline records must fit the producer's request size. */
    private static void validateLayout(
            final S3MailSourceConfig config, final Map<String, String> props, final Map<String, ConfigValue> values) {
        checkNoOverlap(
                config, config.bucket(), config.failedPrefix(), values.get(S3MailSourceConfig.FAILED_PREFIX_CONFIG));
        if (config.afterRead() == AfterRead.MOVE) {
            checkNoOverlap(
                    config,
                    config.moveBucket(),
                    config.movePrefix(),
                    values.get(S3MailSourceConfig.MOVE_PREFIX_CONFIG));
        }
        if (config.afterRead() == AfterRead.DELETE) {
            checkNoOverlap(
                    config,
                    config.bucket(),
                    config.claimCheckPrefix(),
                    values.get(S3MailSourceConfig.CLAIM_CHECK_PREFIX_CONFIG));
        }
        final long maxRequestSize = maxRequestSize(props);
        if (config.inlineMaxBytes() + (long) S3MailSourceConfig.RECORD_ENVELOPE_BYTES > maxRequestSize) {
            values.get(S3MailSourceConfig.INLINE_MAX_BYTES_CONFIG)
                    .addErrorMessage(S3MailSourceConfig.INLINE_MAX_BYTES_CONFIG + "="
                            + config.inlineMaxBytes() + " plus " + S3MailSourceConfig.RECORD_ENVELOPE_BYTES
                            + " bytes of envelope exceeds the producer's max.request.size " + maxRequestSize + "; set "
                            + MAX_REQUEST_SIZE_OVERRIDE + " (and the topic's max.message.bytes) or lower the limit");
        }
    }

    private static void checkNoOverlap(
            final S3MailSourceConfig config, final String bucket, final String prefix, final ConfigValue value) {
        if (bucket.equals(config.bucket())
                && (prefix.startsWith(config.prefix()) || config.prefix().startsWith(prefix))) {
            value.addErrorMessage(value.name() + "='" + prefix + "' overlaps " + S3MailSourceConfig.PREFIX_CONFIG + "='"
                    + config.prefix() + "' in bucket " + bucket + ": objects put there would be read again");
        }
    }

    private static long maxRequestSize(final Map<String, String> props) {
        final String override = props.get(MAX_REQUEST_SIZE_OVERRIDE);
        if (override == null) {
            return S3MailSourceConfig.DEFAULT_MAX_REQUEST_SIZE;
        }
        try {
            return Long.parseLong(override.trim());
        } catch (NumberFormatException e) {
            return S3MailSourceConfig.DEFAULT_MAX_REQUEST_SIZE;
        }
    }

    private static void validateBucketAccess(final Map<String, String> props, final ConfigValue bucket) {
        final Map<String, String> probe = new HashMap<>(props);
        probe.put(S3MailSourceConfig.S3.key(S3ConfigFragment.MAX_ATTEMPTS_CONFIG), "2");
        probe.put(S3MailSourceConfig.S3.key(S3ConfigFragment.API_CALL_TIMEOUT_MS_CONFIG), "10000");
        final S3MailSourceConfig config = new S3MailSourceConfig(probe);
        try (S3Objects s3 = new S3Objects(S3Objects.client(config))) {
            s3.checkBucket(config.bucket());
        } catch (S3Failure e) {
            bucket.addErrorMessage("Cannot access bucket " + config.bucket() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            bucket.addErrorMessage("Cannot access bucket " + config.bucket() + ": " + e);
        }
    }

    /** Each record carries its own object's offset, so any batch is a valid transaction: the worker defines them. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(final Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(final Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.UNSUPPORTED;
    }

    /**
     * Accepts offsets whose partition is {@code {bucket, key}} in the configured bucket and whose
     * offset is a valid object offset, or null to make the object be read again.
     */
    @Override
    public boolean alterOffsets(
            final Map<String, String> connectorConfig, final Map<Map<String, ?>, Map<String, ?>> offsets) {
        final String bucket = connectorConfig.get(S3MailSourceConfig.BUCKET_CONFIG);
        offsets.forEach((partition, offset) -> {
            final ObjectRef ref = ObjectOffset.refOf(partition);
            if (bucket != null && !bucket.equals(ref.bucket())) {
                throw new ConnectException("Source partition key '" + ObjectOffset.BUCKET_KEY
                        + "' must be the connector's bucket " + bucket + ", found " + ref.bucket());
            }
            ObjectOffset.fromMap(offset);
        });
        return true;
    }
}
