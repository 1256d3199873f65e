package io.mailroute.connectors.organizations;

import io.mailroute.connectors.aws.AwsConfig;
import io.mailroute.connectors.common.RegistryConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Configuration of {@link OrganizationsSourceConnector}, shared by the connector and its task. */
public final class OrganizationsSourceConfig extends AbstractConfig {
    public static final String GROUP = "Organizations";

    public static final String TOPIC_CONFIG = "topic";
    private static final String TOPIC_DOC = "Compacted topic the account mappings (and tombstones) are written to.";
    public static final String TOPIC_DEFAULT = "mail.accounts";

    public static final String POLL_INTERVAL_MS_CONFIG = "poll.interval.ms";
    private static final String POLL_INTERVAL_MS_DOC =
            "Time between two ListAccounts syncs, in milliseconds; one sync also runs at start.";
    public static final long POLL_INTERVAL_MS_DEFAULT = Duration.ofHours(1).toMillis();

    public static final String PARENT_IDS_CONFIG = "organizations.parent.ids";
    private static final String PARENT_IDS_DOC =
            "Root or OU ids (r-..., ou-...) to limit the sync to, via ListAccountsForParent; "
                    + "empty syncs the whole organization with ListAccounts.";

    public static final String RECURSIVE_CONFIG = "organizations.parent.recursive";
    private static final String RECURSIVE_DOC = "With " + PARENT_IDS_CONFIG + ", also sync accounts of nested OUs.";

    public static final String PAGE_SIZE_CONFIG = "organizations.page.size";
    private static final String PAGE_SIZE_DOC = "MaxResults per ListAccounts page (1-20); every page is read.";

    public static final String SOURCE_NAME_CONFIG = "source.name";
    private static final String SOURCE_NAME_DOC =
            "Value of AccountMapping.source on every record this connector writes.";
    public static final String SOURCE_NAME_DEFAULT = "organizations";

    public static final String FAILURE_BACKOFF_MS_CONFIG = "failure.backoff.max.ms";
    private static final String FAILURE_BACKOFF_MS_DOC =
            "Longest wait before retrying a sync that failed after the SDK's own retries, in milliseconds.";
    public static final long FAILURE_BACKOFF_MS_DEFAULT = Duration.ofMinutes(5).toMillis();

    private static final ConfigDef CONFIG_DEF = configDef();

    public OrganizationsSourceConfig(final Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    /** Every key of the connector, with groups and docs (the README table is generated from it). */
    public static ConfigDef configDef() {
        int order = 0;
        final ConfigDef def = new ConfigDef()
                .define(
                        TOPIC_CONFIG,
                        Type.STRING,
                        TOPIC_DEFAULT,
                        new ConfigDef.NonEmptyString(),
                        Importance.HIGH,
                        TOPIC_DOC,
                        GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Topic")
                .define(
                        POLL_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        POLL_INTERVAL_MS_DEFAULT,
                        ConfigDef.Range.atLeast(1_000L),
                        Importance.MEDIUM,
                        POLL_INTERVAL_MS_DOC,
                        GROUP,
                        ++order,
                        Width.SHORT,
                        "Poll interval")
                .define(
                        PARENT_IDS_CONFIG,
                        Type.LIST,
                        List.of(),
                        Importance.MEDIUM,
                        PARENT_IDS_DOC,
                        GROUP,
                        ++order,
                        Width.LONG,
                        "Parent ids")
                .define(
                        RECURSIVE_CONFIG,
                        Type.BOOLEAN,
                        true,
                        Importance.LOW,
                        RECURSIVE_DOC,
                        GROUP,
                        ++order,
                        Width.SHORT,
                        "Recursive")
                .define(
                        PAGE_SIZE_CONFIG,
                        Type.INT,
                        20,
                        ConfigDef.Range.between(1, 20),
                        Importance.LOW,
                        PAGE_SIZE_DOC,
                        GROUP,
                        ++order,
                        Width.SHORT,
                        "Page size")
                .define(
                        SOURCE_NAME_CONFIG,
                        Type.STRING,
                        SOURCE_NAME_DEFAULT,
                        new ConfigDef.NonEmptyString(),
                        Importance.LOW,
                        SOURCE_NAME_DOC,
                        GROUP,
                        ++order,
                        Width.SHORT,
                        "Source name")
                .define(
                        FAILURE_BACKOFF_MS_CONFIG,
                        Type.LONG,
                        FAILURE_BACKOFF_MS_DEFAULT,
                        ConfigDef.Range.atLeast(100L),
                        Importance.LOW,
                        FAILURE_BACKOFF_MS_DOC,
                        GROUP,
                        ++order,
                        Width.SHORT,
                        "Failure backoff");
        AwsConfig.define(def);
        return RegistryConfig.define(def);
    }

    public String topic() {
        return getString(TOPIC_CONFIG);
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS_CONFIG));
    }

    public List<String> parentIds() {
        return getList(PARENT_IDS_CONFIG);
    }

    public boolean recursive() {
        return getBoolean(RECURSIVE_CONFIG);
    }

    public int pageSize() {
        return getInt(PAGE_SIZE_CONFIG);
    }

    public String sourceName() {
        return getString(SOURCE_NAME_CONFIG);
    }

    public Duration maxFailureBackoff() {
        return Duration.ofMillis(getLong(FAILURE_BACKOFF_MS_CONFIG));
    }

    public AwsConfig aws() {
        return new AwsConfig(this);
    }

    /** Identifies what is synced: the whole organization or the listed parents. Used as the source partition. */
    public String scope() {
        return parentIds().isEmpty()
                ? "organization"
                : "parents:" + String.join(",", parentIds().stream().sorted().toList())
                        + (recursive() ? ":recursive" : "");
    }
}
