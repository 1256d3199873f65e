package io.mailroute.connectors.s3;

import io.mailroute.connectors.aws.AssumeRoleConfig;
import io.mailroute.connectors.common.BackoffKeys;
import io.mailroute.connectors.common.ConnectorSetter;
import io.mailroute.connectors.common.LowerCaseEnums;
import io.mailroute.connectors.common.RegistryConfig;
import io.mailroute.s3.S3ConfigFragment;
import io.mailroute.s3.S3ConfigFragment.CallDefaults;
import io.mailroute.s3.S3Settings;
import io.mailroute.s3.SqsConfigFragment;
import io.mailroute.s3.SqsSettings;
import io.mailroute.schemas.topics.TopicSpec;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link S3MailSourceConnector}, shared by the connector and its tasks. */
public final class S3MailSourceConfig extends AbstractConfig {
    public static final String S3_GROUP = "S3";
    public static final String RECORDS_GROUP = "Records";
    public static final String POLLING_GROUP = "Polling";
    public static final String NOTIFICATIONS_GROUP = "Notifications";
    public static final String AFTER_READ_GROUP = "After read";

    /** Bytes a record needs beyond the inline mail: key, Avro envelope, record and batch headers. */
    public static final int RECORD_ENVELOPE_BYTES = 16 * 1024;
    /** The producer's own default max.request.size, which bounds a record unless the connector overrides it. */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;
    /** CopyObject's limit: objects up to this size can be moved and quarantined server-side. */
    public static final long MAX_COPYABLE_BYTES = 5L * 1024 * 1024 * 1024;

    /** The S3 keys, unprefixed: a task can wait, so one call tries hard and long. */
    public static final S3ConfigFragment S3 = new S3ConfigFragment("", new CallDefaults(10, Duration.ofMinutes(2)));
    /** A role to assume before calling S3: {@code s3.sts.role.arn} and its session name and external id. */
    public static final AssumeRoleConfig S3_ROLE = new AssumeRoleConfig("s3.");
    /** The queue of the bucket's event notifications: {@code sqs.queue.url}, {@code sqs.endpoint}, {@code sqs.region}. */
    public static final SqsConfigFragment SQS = new SqsConfigFragment("");

    public static final String BUCKET_CONFIG = "s3.bucket";
    private static final String BUCKET_DOC =
            "Bucket the mail objects are read from (e.g. the bucket of the SES receipt rule).";

    public static final String PREFIX_CONFIG = "s3.prefix";
    private static final String PREFIX_DOC =
            "Only keys under this prefix are read; keys ending in / (folder markers) are skipped.";
    public static final String PREFIX_DEFAULT = "incoming/";

    public static final String KEY_REGEX_CONFIG = "s3.key.regex";
    private static final String KEY_REGEX_DOC =
            "Regular expression the whole object key must match to be read; empty reads every key under "
                    + PREFIX_CONFIG + ".";

    public static final String LIST_PAGE_SIZE_CONFIG = "s3.list.page.size";
    private static final String LIST_PAGE_SIZE_DOC =
            "Keys per ListObjectsV2 call (1-1000); a listing pass reads every page.";
    public static final int LIST_PAGE_SIZE_DEFAULT = 1000;

    public static final String TOPIC_CONFIG = "topic";
    private static final String TOPIC_DOC = "Topic of the RawMail records, one per object, keyed by the object key.";
    public static final String TOPIC_DEFAULT = "mail.raw";

    public static final String DLQ_TOPIC_CONFIG = "dlq.topic";
    private static final String DLQ_TOPIC_DOC =
            "Topic of the DeadLetter records (stage INGEST) written for objects that cannot be read.";
    public static final String DLQ_TOPIC_DEFAULT = "mail.dlq";

    public static final String INLINE_MAX_BYTES_CONFIG = "inline.max.bytes";
    private static final String INLINE_MAX_BYTES_DOC =
            "Largest object carried inline in the record, in bytes; larger ones become a "
                    + "claim check the topology fetches from S3. Above 1008 KiB set producer.override.max.request.size.";
    public static final int INLINE_MAX_BYTES_DEFAULT = 900 * 1024;

    public static final String MAX_OBJECT_BYTES_CONFIG = "max.object.bytes";
    private static final String MAX_OBJECT_BYTES_DOC =
            "Largest object accepted, in bytes; larger ones are dead-lettered and moved to "
                    + "the failed prefix instead of being read.";
    public static final long MAX_OBJECT_BYTES_DEFAULT = 64L * 1024 * 1024;

    public static final String INGEST_MODE_CONFIG = "ingest.mode";
    private static final String INGEST_MODE_DOC = "How new objects are found: listing (list the prefix every "
            + "poll.interval.ms) or notifications (read the bucket's S3 ObjectCreated event notifications from "
            + SqsConfigFragment.QUEUE_URL_CONFIG + ", and list every notifications.listing.interval.ms as a safety "
            + "net for lost ones). Notifications mode runs one task whatever tasks.max says.";
    public static final String INGEST_MODE_DEFAULT = "listing";

    public static final String POLL_INTERVAL_MS_CONFIG = "poll.interval.ms";
    private static final String POLL_INTERVAL_MS_DOC =
            "In listing mode, the time from the start of one listing pass over the prefix to the next, in "
                    + "milliseconds; bounds how late a new object is seen.";
    public static final long POLL_INTERVAL_MS_DEFAULT = 5_000L;

    public static final String SAFETY_NET_INTERVAL_MS_CONFIG = "notifications.listing.interval.ms";
    private static final String SAFETY_NET_INTERVAL_MS_DOC = "In notifications mode, the time from the start of "
            + "one safety-net listing pass to the next, in milliseconds; bounds how late an object whose "
            + "notification was lost is seen.";
    public static final long SAFETY_NET_INTERVAL_MS_DEFAULT = 300_000L;

    public static final String MAX_OBJECTS_PER_POLL_CONFIG = "max.objects.per.poll";
    private static final String MAX_OBJECTS_PER_POLL_DOC = "Most objects read in one poll, i.e. records in one batch "
            + "(one transaction with exactly-once support).";
    public static final int MAX_OBJECTS_PER_POLL_DEFAULT = 100;

    public static final String MAX_POLL_BYTES_CONFIG = "max.poll.bytes";
    private static final String MAX_POLL_BYTES_DOC =
            "Inline bytes after which a poll stops reading objects, bounding the memory of one batch.";
    public static final long MAX_POLL_BYTES_DEFAULT = 16L * 1024 * 1024;

    public static final String BACKOFF_INITIAL_MS_CONFIG = "s3.backoff.initial.ms";
    private static final String BACKOFF_INITIAL_MS_DOC =
            "First wait after an S3 call failed transiently (throttling, 5xx, I/O) despite "
                    + "the SDK's retries, in milliseconds; doubles per failure, with jitter.";
    public static final long BACKOFF_INITIAL_MS_DEFAULT = 1_000L;

    public static final String BACKOFF_MAX_MS_CONFIG = "s3.backoff.max.ms";
    private static final String BACKOFF_MAX_MS_DOC =
            "Longest wait between attempts after transient S3 failures, in milliseconds.";
    public static final long BACKOFF_MAX_MS_DEFAULT = 60_000L;

    private static final BackoffKeys BACKOFF = new BackoffKeys(
            BACKOFF_INITIAL_MS_CONFIG, BACKOFF_INITIAL_MS_DEFAULT, BACKOFF_MAX_MS_CONFIG, BACKOFF_MAX_MS_DEFAULT);

    public static final String AFTER_READ_CONFIG = "after.read";

    public static final String AFTER_READ_TAG_CONFIG = "after.read.tag";
    private static final String AFTER_READ_TAG_DOC =
            "Object tag key=value added by " + AFTER_READ_CONFIG + "=tag (other tags are kept).";
    public static final String AFTER_READ_TAG_DEFAULT = "mailroute-ingested=true";

    public static final String MOVE_BUCKET_CONFIG = "after.read.move.bucket";
    private static final String MOVE_BUCKET_DOC =
            "Bucket objects are moved to by " + AFTER_READ_CONFIG + "=move; empty for " + BUCKET_CONFIG + ".";

    public static final String MOVE_PREFIX_CONFIG = "after.read.move.prefix";
    private static final String MOVE_PREFIX_DOC = "Prefix replacing " + PREFIX_CONFIG
            + " in the key of a moved object; " + "must not overlap " + PREFIX_CONFIG + " in the same bucket.";
    public static final String MOVE_PREFIX_DEFAULT = "processed/";

    private static final String AFTER_READ_DOC =
            "What happens to an object once its record is committed: none, tag, move " + "(to " + MOVE_BUCKET_CONFIG
                    + "/" + MOVE_PREFIX_CONFIG + ") or delete.";
    public static final String AFTER_READ_DEFAULT = "none";

    public static final String CLAIM_CHECK_PREFIX_CONFIG = "claim.check.prefix";
    private static final String CLAIM_CHECK_PREFIX_DOC =
            "With " + AFTER_READ_CONFIG + "=delete, claim-checked objects are first "
                    + "copied under this prefix so that the topology can still fetch them; expire it with a lifecycle rule.";
    public static final String CLAIM_CHECK_PREFIX_DEFAULT = "claim-check/";

    public static final String FAILED_PREFIX_CONFIG = "failed.prefix";
    private static final String FAILED_PREFIX_DOC =
            "Prefix replacing " + PREFIX_CONFIG + " for objects that cannot be read; "
                    + "they are moved there with the error in their metadata (or in a .error.json sidecar if they cannot be copied).";
    public static final String FAILED_PREFIX_DEFAULT = "failed/";

    private static final ConfigDef CONFIG_DEF = configDef();

    private final AfterRead afterRead;
    private final IngestMode ingestMode;
    private final Optional<Pattern> keyPattern;

    public S3MailSourceConfig(final Map<String, String> props) {
        super(CONFIG_DEF, props);
        this.afterRead = LowerCaseEnums.parse(AfterRead.class, getString(AFTER_READ_CONFIG));
        this.ingestMode = LowerCaseEnums.parse(IngestMode.class, getString(INGEST_MODE_CONFIG));
        if (ingestMode == IngestMode.NOTIFICATIONS && !SQS.hasQueue(this)) {
            throw new ConfigException(
                    SQS.key(SqsConfigFragment.QUEUE_URL_CONFIG), "", "is needed in notifications mode");
        }
        final String regex = getString(KEY_REGEX_CONFIG);
        this.keyPattern = regex.isEmpty() ? Optional.empty() : Optional.of(Pattern.compile(regex));
    }

    /** Every key of the connector, with groups and docs (the README table is generated from it). */
    public static ConfigDef configDef() {
        final ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(
                        BUCKET_CONFIG,
                        Type.STRING,
                        ConfigDef.NO_DEFAULT_VALUE,
                        new ConfigDef.NonEmptyString(),
                        Importance.HIGH,
                        BUCKET_DOC,
                        S3_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Bucket")
                .define(
                        PREFIX_CONFIG,
                        Type.STRING,
                        PREFIX_DEFAULT,
                        Importance.HIGH,
                        PREFIX_DOC,
                        S3_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Prefix")
                .define(
                        KEY_REGEX_CONFIG,
                        Type.STRING,
                        "",
                        new RegexValidator(),
                        Importance.LOW,
                        KEY_REGEX_DOC,
                        S3_GROUP,
                        ++order,
                        Width.LONG,
                        "Key regex")
                .define(
                        LIST_PAGE_SIZE_CONFIG,
                        Type.INT,
                        LIST_PAGE_SIZE_DEFAULT,
                        ConfigDef.Range.between(1, 1000),
                        Importance.LOW,
                        LIST_PAGE_SIZE_DOC,
                        S3_GROUP,
                        ++order,
                        Width.SHORT,
                        "List page size");
        order = 0;
        def.define(
                        TOPIC_CONFIG,
                        Type.STRING,
                        TOPIC_DEFAULT,
                        new ConfigDef.NonEmptyString(),
                        Importance.HIGH,
                        TOPIC_DOC,
                        RECORDS_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Topic")
                .define(
                        DLQ_TOPIC_CONFIG,
                        Type.STRING,
                        DLQ_TOPIC_DEFAULT,
                        new ConfigDef.NonEmptyString(),
                        Importance.HIGH,
                        DLQ_TOPIC_DOC,
                        RECORDS_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Dead-letter topic")
                .define(
                        INLINE_MAX_BYTES_CONFIG,
                        Type.INT,
                        INLINE_MAX_BYTES_DEFAULT,
                        ConfigDef.Range.between(0, TopicSpec.LARGE_RECORD_BYTES - RECORD_ENVELOPE_BYTES),
                        Importance.MEDIUM,
                        INLINE_MAX_BYTES_DOC,
                        RECORDS_GROUP,
                        ++order,
                        Width.SHORT,
                        "Inline limit")
                .define(
                        MAX_OBJECT_BYTES_CONFIG,
                        Type.LONG,
                        MAX_OBJECT_BYTES_DEFAULT,
                        ConfigDef.Range.between(1L, MAX_COPYABLE_BYTES),
                        Importance.MEDIUM,
                        MAX_OBJECT_BYTES_DOC,
                        RECORDS_GROUP,
                        ++order,
                        Width.SHORT,
                        "Object size limit");
        order = 0;
        def.define(
                        INGEST_MODE_CONFIG,
                        Type.STRING,
                        INGEST_MODE_DEFAULT,
                        LowerCaseEnums.validator(IngestMode.class),
                        Importance.HIGH,
                        INGEST_MODE_DOC,
                        POLLING_GROUP,
                        ++order,
                        Width.SHORT,
                        "Ingest mode")
                .define(
                        POLL_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        POLL_INTERVAL_MS_DEFAULT,
                        ConfigDef.Range.atLeast(10L),
                        Importance.MEDIUM,
                        POLL_INTERVAL_MS_DOC,
                        POLLING_GROUP,
                        ++order,
                        Width.SHORT,
                        "Poll interval")
                .define(
                        SAFETY_NET_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        SAFETY_NET_INTERVAL_MS_DEFAULT,
                        ConfigDef.Range.atLeast(10L),
                        Importance.MEDIUM,
                        SAFETY_NET_INTERVAL_MS_DOC,
                        POLLING_GROUP,
                        ++order,
                        Width.SHORT,
                        "Safety-net interval")
                .define(
                        MAX_OBJECTS_PER_POLL_CONFIG,
                        Type.INT,
                        MAX_OBJECTS_PER_POLL_DEFAULT,
                        ConfigDef.Range.between(1, 10_000),
                        Importance.MEDIUM,
                        MAX_OBJECTS_PER_POLL_DOC,
                        POLLING_GROUP,
                        ++order,
                        Width.SHORT,
                        "Objects per poll")
                .define(
                        MAX_POLL_BYTES_CONFIG,
                        Type.LONG,
                        MAX_POLL_BYTES_DEFAULT,
                        ConfigDef.Range.atLeast(1L),
                        Importance.LOW,
                        MAX_POLL_BYTES_DOC,
                        POLLING_GROUP,
                        ++order,
                        Width.SHORT,
                        "Bytes per poll");
        BACKOFF.define(def, BACKOFF_INITIAL_MS_DOC, BACKOFF_MAX_MS_DOC, POLLING_GROUP, ++order);
        order = 0;
        def.define(
                        AFTER_READ_CONFIG,
                        Type.STRING,
                        AFTER_READ_DEFAULT,
                        LowerCaseEnums.validator(AfterRead.class),
                        Importance.HIGH,
                        AFTER_READ_DOC,
                        AFTER_READ_GROUP,
                        ++order,
                        Width.SHORT,
                        "After read")
                .define(
                        AFTER_READ_TAG_CONFIG,
                        Type.STRING,
                        AFTER_READ_TAG_DEFAULT,
                        new TagValidator(),
                        Importance.LOW,
                        AFTER_READ_TAG_DOC,
                        AFTER_READ_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Tag")
                .define(
                        MOVE_BUCKET_CONFIG,
                        Type.STRING,
                        "",
                        Importance.MEDIUM,
                        MOVE_BUCKET_DOC,
                        AFTER_READ_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Move to bucket")
                .define(
                        MOVE_PREFIX_CONFIG,
                        Type.STRING,
                        MOVE_PREFIX_DEFAULT,
                        Importance.MEDIUM,
                        MOVE_PREFIX_DOC,
                        AFTER_READ_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Move to prefix")
                .define(
                        CLAIM_CHECK_PREFIX_CONFIG,
                        Type.STRING,
                        CLAIM_CHECK_PREFIX_DEFAULT,
                        Importance.LOW,
                        CLAIM_CHECK_PREFIX_DOC,
                        AFTER_READ_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Claim-check prefix")
                .define(
                        FAILED_PREFIX_CONFIG,
                        Type.STRING,
                        FAILED_PREFIX_DEFAULT,
                        Importance.MEDIUM,
                        FAILED_PREFIX_DOC,
                        AFTER_READ_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Failed prefix");
        S3.define(def);
        S3_ROLE.define(def, S3ConfigFragment.GROUP, S3ConfigFragment.KEYS.size());
        SQS.define(def);
        return RegistryConfig.define(def);
    }

    /** A fluent builder of connector properties, for tests and tools. */
    public static Setter setter(final Map<String, String> props) {
        return new Setter(props);
    }

    public String bucket() {
        return getString(BUCKET_CONFIG);
    }

    public String prefix() {
        return getString(PREFIX_CONFIG);
    }

    public Optional<Pattern> keyPattern() {
        return keyPattern;
    }

    public int listPageSize() {
        return getInt(LIST_PAGE_SIZE_CONFIG);
    }

    public String topic() {
        return getString(TOPIC_CONFIG);
    }

    public String dlqTopic() {
        return getString(DLQ_TOPIC_CONFIG);
    }

    public int inlineMaxBytes() {
        return getInt(INLINE_MAX_BYTES_CONFIG);
    }

    public long maxObjectBytes() {
        return getLong(MAX_OBJECT_BYTES_CONFIG);
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS_CONFIG));
    }

    public IngestMode ingestMode() {
        return ingestMode;
    }

    /** Time between listing passes: the poll interval, or in notifications mode the safety net's. */
    public Duration listingInterval() {
        return Duration.ofMillis(getLong(
                ingestMode == IngestMode.NOTIFICATIONS ? SAFETY_NET_INTERVAL_MS_CONFIG : POLL_INTERVAL_MS_CONFIG));
    }

    public int maxObjectsPerPoll() {
        return getInt(MAX_OBJECTS_PER_POLL_CONFIG);
    }

    public long maxPollBytes() {
        return getLong(MAX_POLL_BYTES_CONFIG);
    }

    public Duration initialBackoff() {
        return BACKOFF.initial(this);
    }

    public Duration maxBackoff() {
        return BACKOFF.max(this);
    }

    public AfterRead afterRead() {
        return afterRead;
    }

    public String tagKey() {
        return getString(AFTER_READ_TAG_CONFIG).split("=", 2)[0];
    }

    public String tagValue() {
        return getString(AFTER_READ_TAG_CONFIG).split("=", 2)[1];
    }

    /** The bucket moved objects go to. */
    public String moveBucket() {
        final String bucket = getString(MOVE_BUCKET_CONFIG);
        return bucket.isBlank() ? bucket() : bucket;
    }

    public String movePrefix() {
        return getString(MOVE_PREFIX_CONFIG);
    }

    public String claimCheckPrefix() {
        return getString(CLAIM_CHECK_PREFIX_CONFIG);
    }

    public String failedPrefix() {
        return getString(FAILED_PREFIX_CONFIG);
    }

    /** Where the bucket is and as whom (before any assumed role), and how hard one call tries. */
    public S3Settings s3() {
        return S3.settings(this);
    }

    /** The queue of the bucket's notifications, read as whom and as hard as the bucket. */
    public SqsSettings sqs() {
        return SQS.settings(this, s3());
    }

    /** How new objects are found. */
    public enum IngestMode {
        /** List the prefix every poll interval. */
        LISTING,
        /** Read S3 event notifications from SQS, with a slow listing as a safety net. */
        NOTIFICATIONS
    }

    /** What happens to an object once its record is committed. */
    public enum AfterRead {
        /** Leave the object as it is. */
        NONE,
        /** Add the {@value #AFTER_READ_TAG_CONFIG} tag to the version read. */
        TAG,
        /** Copy to the move prefix (before the record is sent), delete the original once committed. */
        MOVE,
        /** Delete the object once committed. */
        DELETE
    }

    /** Accepts a Java regular expression or the empty string. */
    static final class RegexValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(final String name, final Object value) {
            if (value == null || value.toString().isEmpty()) {
                return;
            }
            try {
                Pattern.compile(value.toString());
            } catch (PatternSyntaxException e) {
                throw new ConfigException(name, value, "is not a regular expression: " + e.getDescription());
            }
        }

        @Override
        public String toString() {
            return "empty or a Java regular expression";
        }
    }

    /** Accepts {@code key=value} with a non-empty key, as S3 object tags need. */
    static final class TagValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(final String name, final Object value) {
            final String text = value == null ? "" : value.toString();
            final int eq = text.indexOf('=');
            if (eq <= 0 || eq > 128 || text.length() - eq - 1 > 256) {
                throw new ConfigException(
                        name, value, "must be key=value with a key of 1-128 and a value of 0-256 characters");
            }
        }

        @Override
        public String toString() {
            return "key=value";
        }
    }

    /** Builds connector properties fluently: {@code S3MailSourceConfig.setter(props).bucket("mails").prefix("in/")}. */
    public static final class Setter extends ConnectorSetter<Setter> {
        private Setter(final Map<String, String> props) {
            super(props);
        }

        public Setter bucket(final String bucket) {
            return set(BUCKET_CONFIG, bucket);
        }

        public Setter prefix(final String prefix) {
            return set(PREFIX_CONFIG, prefix);
        }

        public Setter keyRegex(final String regex) {
            return set(KEY_REGEX_CONFIG, regex);
        }

        /** Endpoint override with path-style access, as MinIO and S3Proxy need. */
        public Setter endpoint(final String url) {
            S3.setter(props()).endpoint(url);
            return this;
        }

        public Setter region(final String region) {
            S3.setter(props()).region(region);
            return this;
        }

        public Setter credentials(final String accessKeyId, final String secretAccessKey) {
            S3.setter(props()).credentials(accessKeyId, secretAccessKey);
            return this;
        }

        public Setter maxAttempts(final int attempts) {
            S3.setter(props()).maxAttempts(attempts);
            return this;
        }

        public Setter listPageSize(final int keys) {
            return set(LIST_PAGE_SIZE_CONFIG, keys);
        }

        public Setter topic(final String topic) {
            return set(TOPIC_CONFIG, topic);
        }

        public Setter dlqTopic(final String topic) {
            return set(DLQ_TOPIC_CONFIG, topic);
        }

        public Setter inlineMaxBytes(final int bytes) {
            return set(INLINE_MAX_BYTES_CONFIG, bytes);
        }

        public Setter maxObjectBytes(final long bytes) {
            return set(MAX_OBJECT_BYTES_CONFIG, bytes);
        }

        public Setter pollInterval(final Duration interval) {
            return set(POLL_INTERVAL_MS_CONFIG, interval.toMillis());
        }

        /** Notifications mode reading {@code queueUrl} at {@code endpoint} (empty for AWS), listing every {@code safetyNet}. */
        public Setter notifications(final String queueUrl, final String endpoint, final Duration safetyNet) {
            return set(INGEST_MODE_CONFIG, "notifications")
                    .set(SQS.key(SqsConfigFragment.QUEUE_URL_CONFIG), queueUrl)
                    .set(SQS.key(SqsConfigFragment.ENDPOINT_CONFIG), endpoint)
                    .set(SAFETY_NET_INTERVAL_MS_CONFIG, safetyNet.toMillis());
        }

        public Setter maxObjectsPerPoll(final int objects) {
            return set(MAX_OBJECTS_PER_POLL_CONFIG, objects);
        }

        public Setter maxPollBytes(final long bytes) {
            return set(MAX_POLL_BYTES_CONFIG, bytes);
        }

        public Setter backoff(final Duration initial, final Duration max) {
            return set(BACKOFF_INITIAL_MS_CONFIG, initial.toMillis()).set(BACKOFF_MAX_MS_CONFIG, max.toMillis());
        }

        public Setter afterRead(final AfterRead afterRead) {
            return set(AFTER_READ_CONFIG, afterRead.name().toLowerCase(Locale.ROOT));
        }

        public Setter tag(final String key, final String value) {
            return set(AFTER_READ_TAG_CONFIG, key + "=" + value);
        }

        public Setter moveTo(final String bucket, final String prefix) {
            return set(MOVE_BUCKET_CONFIG, bucket).set(MOVE_PREFIX_CONFIG, prefix);
        }

        public Setter claimCheckPrefix(final String prefix) {
            return set(CLAIM_CHECK_PREFIX_CONFIG, prefix);
        }

        public Setter failedPrefix(final String prefix) {
            return set(FAILED_PREFIX_CONFIG, prefix);
        }
    }
}
