package io.mailroute.connectors.helpdesk;

import io.mailroute.connectors.common.HttpUrlValidator;
import io.mailroute.connectors.common.LowerCaseEnums;
import io.mailroute.connectors.common.RegistryConfig;
import io.mailroute.connectors.delivery.DeliveriesConfig;
import io.mailroute.connectors.delivery.DeliveringSinkSetter;
import io.mailroute.connectors.http.HttpClientConfig;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Configuration of {@link HelpdeskSinkConnector}, shared by the connector and its tasks. */
public final class HelpdeskSinkConfig extends AbstractConfig {
    public static final String HELPDESK_GROUP = "Helpdesk";
    public static final String ZENDESK_GROUP = "Zendesk";
    public static final String BACKLOG_GROUP = "Backlog";

    public static final String KIND_CONFIG = "helpdesk.kind";
    private static final String KIND_DOC =
            "Which helpdesk mail.ticket records go to: zendesk (API v2 tickets, found again by external_id) or backlog (API v2 issues, found again by the [<ticketKey>] summary prefix).";

    public static final String URL_CONFIG = "helpdesk.url";
    private static final String URL_DOC =
            "Base URL of the helpdesk, e.g. https://example.zendesk.com or https://example.backlog.com.";

    public static final String TOKEN_CONFIG = "helpdesk.token";
    private static final String TOKEN_DOC =
            "Zendesk: the API token (sent as Basic <helpdesk.email>/token:<token>); Backlog: the API key (sent as the apiKey query parameter); never logged.";

    public static final String EMAIL_CONFIG = "helpdesk.email";
    private static final String EMAIL_DOC =
            "Zendesk: the agent's email address the API token belongs to (required with helpdesk.kind=zendesk).";

    public static final String PROJECT_ID_CONFIG = "backlog.project.id";
    private static final String PROJECT_ID_DOC =
            "Backlog: id of the project issues are created in and searched (required with helpdesk.kind=backlog).";

    public static final String ISSUE_TYPE_ID_CONFIG = "backlog.issue.type.id";
    private static final String ISSUE_TYPE_ID_DOC =
            "Backlog: id of the issue type of created issues (required with helpdesk.kind=backlog).";

    public static final String PRIORITY_HIGH_ID_CONFIG = "backlog.priority.high.id";
    private static final String PRIORITY_HIGH_ID_DOC = "Backlog: priority id of URGENT and HIGH mail.";
    public static final int PRIORITY_HIGH_ID_DEFAULT = 2;

    public static final String PRIORITY_NORMAL_ID_CONFIG = "backlog.priority.normal.id";
    private static final String PRIORITY_NORMAL_ID_DOC = "Backlog: priority id of MEDIUM mail.";
    public static final int PRIORITY_NORMAL_ID_DEFAULT = 3;

    public static final String PRIORITY_LOW_ID_CONFIG = "backlog.priority.low.id";
    private static final String PRIORITY_LOW_ID_DOC = "Backlog: priority id of LOW and INFO mail.";
    public static final int PRIORITY_LOW_ID_DEFAULT = 4;

    public static final String CLOSED_STATUS_ID_CONFIG = "backlog.closed.status.id";
    private static final String CLOSED_STATUS_ID_DOC = "Backlog: status id a CLOSE record sets.";
    public static final int CLOSED_STATUS_ID_DEFAULT = 4;

    private static final DeliveriesConfig.Docs DELIVERIES_DOCS = DeliveriesConfig.Docs.http(
            "Compacted topic every outcome is recorded on (Delivery, key mailId|ownerId|HELPDESK) and read at task start so that no record is applied twice.");

    private static final ConfigDef CONFIG_DEF = configDef();

    private final Kind kind;

    public HelpdeskSinkConfig(final Map<String, String> props) {
        super(CONFIG_DEF, props);
        this.kind = LowerCaseEnums.parse(Kind.class, getString(KIND_CONFIG));
        for (final String key : required(kind)) {
            if (missing(key, originalsStrings())) {
                throw new ConfigException(
                        key,
                        "",
                        "is required with " + KIND_CONFIG + "=" + kind.name().toLowerCase(Locale.ROOT));
            }
        }
    }

    /** The keys {@code kind} needs besides the URL and token. */
    static List<String> required(final Kind kind) {
        return kind == Kind.ZENDESK ? List.of(EMAIL_CONFIG) : List.of(PROJECT_ID_CONFIG, ISSUE_TYPE_ID_CONFIG);
    }

    static boolean missing(final String key, final Map<String, String> props) {
        final String value = props.get(key);
        return value == null || value.isBlank();
    }

    /** Every key of the connector, with groups and docs (the README table is generated from it). */
    public static ConfigDef configDef() {
        final ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(
                        KIND_CONFIG,
                        Type.STRING,
                        ConfigDef.NO_DEFAULT_VALUE,
                        LowerCaseEnums.validator(Kind.class),
                        Importance.HIGH,
                        KIND_DOC,
                        HELPDESK_GROUP,
                        ++order,
                        Width.SHORT,
                        "Kind")
                .define(
                        URL_CONFIG,
                        Type.STRING,
                        ConfigDef.NO_DEFAULT_VALUE,
                        ConfigDef.CompositeValidator.of(new ConfigDef.NonEmptyString(), new HttpUrlValidator()),
                        Importance.HIGH,
                        URL_DOC,
                        HELPDESK_GROUP,
                        ++order,
                        Width.LONG,
                        "Helpdesk URL")
                .define(
                        TOKEN_CONFIG,
                        Type.PASSWORD,
                        ConfigDef.NO_DEFAULT_VALUE,
                        Importance.HIGH,
                        TOKEN_DOC,
                        HELPDESK_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Token");
        HttpClientConfig.define(def, HELPDESK_GROUP, order, "the helpdesk");
        order = 0;
        def.define(
                EMAIL_CONFIG,
                Type.STRING,
                "",
                Importance.HIGH,
                EMAIL_DOC,
                ZENDESK_GROUP,
                ++order,
                Width.MEDIUM,
                "Agent email");
        order = 0;
        def.define(
                        PROJECT_ID_CONFIG,
                        Type.LONG,
                        null,
                        Importance.HIGH,
                        PROJECT_ID_DOC,
                        BACKLOG_GROUP,
                        ++order,
                        Width.SHORT,
                        "Project id")
                .define(
                        ISSUE_TYPE_ID_CONFIG,
                        Type.LONG,
                        null,
                        Importance.HIGH,
                        ISSUE_TYPE_ID_DOC,
                        BACKLOG_GROUP,
                        ++order,
                        Width.SHORT,
                        "Issue type id")
                .define(
                        PRIORITY_HIGH_ID_CONFIG,
                        Type.INT,
                        PRIORITY_HIGH_ID_DEFAULT,
                        Importance.LOW,
                        PRIORITY_HIGH_ID_DOC,
                        BACKLOG_GROUP,
                        ++order,
                        Width.SHORT,
                        "High priority id")
                .define(
                        PRIORITY_NORMAL_ID_CONFIG,
                        Type.INT,
                        PRIORITY_NORMAL_ID_DEFAULT,
                        Importance.LOW,
                        PRIORITY_NORMAL_ID_DOC,
                        BACKLOG_GROUP,
                        ++order,
                        Width.SHORT,
                        "Normal priority id")
                .define(
                        PRIORITY_LOW_ID_CONFIG,
                        Type.INT,
                        PRIORITY_LOW_ID_DEFAULT,
                        Importance.LOW,
                        PRIORITY_LOW_ID_DOC,
                        BACKLOG_GROUP,
                        ++order,
                        Width.SHORT,
                        "Low priority id")
                .define(
                        CLOSED_STATUS_ID_CONFIG,
                        Type.INT,
                        CLOSED_STATUS_ID_DEFAULT,
                        Importance.LOW,
                        CLOSED_STATUS_ID_DOC,
                        BACKLOG_GROUP,
                        ++order,
                        Width.SHORT,
                        "Closed status id");
        DeliveriesConfig.define(def, DELIVERIES_DOCS);
        return RegistryConfig.define(def);
    }

    /** A fluent builder of connector properties, for tests and tools. */
    public static Setter setter(final Map<String, String> props) {
        return new Setter(props);
    }

    public Kind kind() {
        return kind;
    }

    /** The helpdesk's base URL, without a trailing slash. */
    public URI url() {
        return URI.create(getString(URL_CONFIG).trim().replaceAll("/+$", ""));
    }

    public String token() {
        final Password token = getPassword(TOKEN_CONFIG);
        return token == null ? "" : token.value();
    }

    public String email() {
        return getString(EMAIL_CONFIG).trim();
    }

    public long projectId() {
        return getLong(PROJECT_ID_CONFIG);
    }

    public long issueTypeId() {
        return getLong(ISSUE_TYPE_ID_CONFIG);
    }

    public int priorityHighId() {
        return getInt(PRIORITY_HIGH_ID_CONFIG);
    }

    public int priorityNormalId() {
        return getInt(PRIORITY_NORMAL_ID_CONFIG);
    }

    public int priorityLowId() {
        return getInt(PRIORITY_LOW_ID_CONFIG);
    }

    public int closedStatusId() {
        return getInt(CLOSED_STATUS_ID_CONFIG);
    }

    /** The HTTP client keys. */
    public HttpClientConfig http() {
        return new HttpClientConfig(this);
    }

    /** The retry and deliveries keys. */
    public DeliveriesConfig deliveries() {
        return new DeliveriesConfig(this);
    }

    /** Which helpdesk. */
    public enum Kind {
        /** Zendesk tickets (API v2). */
        ZENDESK,
        /** Backlog issues (API v2). */
        BACKLOG
    }

    /** Builds connector properties fluently: {@code HelpdeskSinkConfig.setter(props).zendesk(url, email, token)}. */
    public static final class Setter extends DeliveringSinkSetter<Setter> {
        private Setter(final Map<String, String> props) {
            super(props);
        }

        /** Zendesk at {@code url}, as the agent {@code email} with the API {@code token}. */
        public Setter zendesk(final String url, final String email, final String token) {
            return set(KIND_CONFIG, "zendesk")
                    .set(URL_CONFIG, url)
                    .set(EMAIL_CONFIG, email)
                    .set(TOKEN_CONFIG, token);
        }

        /** Backlog at {@code url} with the {@code apiKey}, issues of {@code issueTypeId} in {@code projectId}. */
        public Setter backlog(final String url, final String apiKey, final long projectId, final long issueTypeId) {
            return set(KIND_CONFIG, "backlog")
                    .set(URL_CONFIG, url)
                    .set(TOKEN_CONFIG, apiKey)
                    .set(PROJECT_ID_CONFIG, projectId)
                    .set(ISSUE_TYPE_ID_CONFIG, issueTypeId);
        }
    }
}
