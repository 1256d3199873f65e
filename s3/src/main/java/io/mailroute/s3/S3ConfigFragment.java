package io.mailroute.s3;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The S3 keys, defined once for every part of mailroute: where S3 is (endpoint, region, path-style
 * access), as whom (credentials) and how hard one call tries (attempts, timeout). Each user defines
 * them under its own prefix and with its own call defaults: the S3 mail source connector without a
 * prefix, the topology under {@code mailroute.}, the ops commands' client properties without one.
 * Read back, they are {@link S3Settings}; {@link S3Clients} builds the client from them.
 *
 * <pre>{@code
 * static final S3ConfigFragment S3 = new S3ConfigFragment("mailroute.", new CallDefaults(3, Duration.ofSeconds(10)));
 * S3.define(def);                 // mailroute.s3.endpoint, mailroute.s3.region, ...
 * S3Settings s3 = S3.settings(config);
 * }</pre>
 */
public final class S3ConfigFragment {
    public static final String GROUP = "S3 client";

    // docs name other keys as "%s" + key: define() puts the user's prefix before them

    public static final String ENDPOINT_CONFIG = "s3.endpoint";
    public static final String REGION_CONFIG = "s3.region";
    private static final String ENDPOINT_DOC = "Endpoint override (http://host:port) for MinIO, S3Proxy or a test "
            + "stub; empty for the AWS endpoint of %s" + REGION_CONFIG + ".";
    public static final String ENDPOINT_DEFAULT = "";

    private static final String REGION_DOC = "Region S3 requests are signed for, e.g. us-east-1.";
    public static final String REGION_DEFAULT = "us-east-1";

    public static final String PATH_STYLE_ACCESS_CONFIG = "s3.path.style.access";
    private static final String PATH_STYLE_ACCESS_DOC = "Address buckets as http://host/bucket instead of "
            + "http://bucket.host; needed for MinIO and S3Proxy behind %s" + ENDPOINT_CONFIG + ".";
    public static final boolean PATH_STYLE_ACCESS_DEFAULT = false;

    public static final String ACCESS_KEY_ID_CONFIG = "s3.access.key.id";
    public static final String SECRET_ACCESS_KEY_CONFIG = "s3.secret.access.key";
    private static final String ACCESS_KEY_ID_DOC = "Access key id, with %s" + SECRET_ACCESS_KEY_CONFIG
            + "; empty for the default AWS credentials chain (environment, profile, instance role).";
    private static final String SECRET_ACCESS_KEY_DOC =
            "Secret access key of %s" + ACCESS_KEY_ID_CONFIG + "; never logged.";

    public static final String SESSION_TOKEN_CONFIG = "s3.session.token";
    private static final String SESSION_TOKEN_DOC =
            "Session token of temporary credentials in %s" + ACCESS_KEY_ID_CONFIG + "; never logged.";

    /** Its default is each user's ({@link CallDefaults}). */
    public static final String MAX_ATTEMPTS_CONFIG = "s3.max.attempts";

    private static final String MAX_ATTEMPTS_DOC = "Attempts per S3 call, with jittered exponential backoff on "
            + "throttling, 5xx and network errors; what a call that still fails means is each user's policy "
            + "(s3/README.md).";

    /** Its default is each user's ({@link CallDefaults}). */
    public static final String API_CALL_TIMEOUT_MS_CONFIG = "s3.api.call.timeout.ms";

    private static final String API_CALL_TIMEOUT_MS_DOC =
            "Upper bound of one S3 call including its retries, in " + "milliseconds; null for none.";

    /** Every key of the fragment, unprefixed, in the order they are defined. */
    public static final List<String> KEYS = List.of(
            ENDPOINT_CONFIG,
            REGION_CONFIG,
            PATH_STYLE_ACCESS_CONFIG,
            ACCESS_KEY_ID_CONFIG,
            SECRET_ACCESS_KEY_CONFIG,
            SESSION_TOKEN_CONFIG,
            MAX_ATTEMPTS_CONFIG,
            API_CALL_TIMEOUT_MS_CONFIG);

    private static final int MAX_ATTEMPTS_LIMIT = 100;

    private final String prefix;
    private final CallDefaults defaults;

    /**
     * How hard one S3 call tries unless configured otherwise: each user's own choice (a connector
     * task can wait, a stream thread cannot).
     *
     * @param maxAttempts    attempts per call, SDK retries included
     * @param apiCallTimeout upper bound of one call with its retries, or null for none
     */
    public record CallDefaults(int maxAttempts, Duration apiCallTimeout) {
        public CallDefaults {
            if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
                throw new IllegalArgumentException("maxAttempts must be 1-" + MAX_ATTEMPTS_LIMIT + ": " + maxAttempts);
            }
        }
    }

    /**
     * @param prefix   put before every key, e.g. {@code mailroute.}; empty for none
     * @param defaults this user's call defaults
     */
    public S3ConfigFragment(final String prefix, final CallDefaults defaults) {
        this.prefix = prefix;
        this.defaults = defaults;
    }

    /** {@code name} (one of {@link #KEYS}) under this fragment's prefix. */
    public String key(final String name) {
        return prefix + name;
    }

    /** Adds the keys under this fragment's prefix to {@code def}, in group {@value #GROUP}. */
    public ConfigDef define(final ConfigDef def) {
        int order = 0;
        return def.define(
                        key(ENDPOINT_CONFIG),
                        Type.STRING,
                        ENDPOINT_DEFAULT,
                        new EndpointValidator(),
                        Importance.MEDIUM,
                        doc(ENDPOINT_DOC),
                        GROUP,
                        ++order,
                        Width.LONG,
                        "Endpoint override")
                .define(
                        key(REGION_CONFIG),
                        Type.STRING,
                        REGION_DEFAULT,
                        new ConfigDef.NonEmptyString(),
                        Importance.MEDIUM,
                        REGION_DOC,
                        GROUP,
                        ++order,
                        Width.SHORT,
                        "Region")
                .define(
                        key(PATH_STYLE_ACCESS_CONFIG),
                        Type.BOOLEAN,
                        PATH_STYLE_ACCESS_DEFAULT,
                        Importance.LOW,
                        doc(PATH_STYLE_ACCESS_DOC),
                        GROUP,
                        ++order,
                        Width.SHORT,
                        "Path-style access")
                .define(
                        key(ACCESS_KEY_ID_CONFIG),
                        Type.PASSWORD,
                        null,
                        Importance.HIGH,
                        doc(ACCESS_KEY_ID_DOC),
                        GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Access key id")
                .define(
                        key(SECRET_ACCESS_KEY_CONFIG),
                        Type.PASSWORD,
                        null,
                        Importance.HIGH,
                        doc(SECRET_ACCESS_KEY_DOC),
                        GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Secret access key")
                .define(
                        key(SESSION_TOKEN_CONFIG),
                        Type.PASSWORD,
                        null,
                        Importance.LOW,
                        doc(SESSION_TOKEN_DOC),
                        GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Session token")
                .define(
                        key(MAX_ATTEMPTS_CONFIG),
                        Type.INT,
                        defaults.maxAttempts(),
                        ConfigDef.Range.between(1, MAX_ATTEMPTS_LIMIT),
                        Importance.LOW,
                        MAX_ATTEMPTS_DOC,
                        GROUP,
                        ++order,
                        Width.SHORT,
                        "Max attempts")
                .define(
                        key(API_CALL_TIMEOUT_MS_CONFIG),
                        Type.LONG,
                        toMillis(defaults.apiCallTimeout()),
                        new OptionalAtLeast(1),
                        Importance.LOW,
                        API_CALL_TIMEOUT_MS_DOC,
                        GROUP,
                        ++order,
                        Width.SHORT,
                        "API call timeout");
    }

    private String doc(final String template) {
        return String.format(template, prefix);
    }

    /** Cross-field check for {@code Connector.validate}: key id and secret come together. */
    public void validate(final Map<String, ConfigValue> values) {
        final boolean id = hasValue(values.get(key(ACCESS_KEY_ID_CONFIG)));
        final boolean secret = hasValue(values.get(key(SECRET_ACCESS_KEY_CONFIG)));
        if (id != secret) {
            final String missing = key(id ? SECRET_ACCESS_KEY_CONFIG : ACCESS_KEY_ID_CONFIG);
            values.get(missing).addErrorMessage(credentialsTogether());
        }
    }

    /** The settings in {@code config}, which was parsed with a ConfigDef this fragment {@link #define}d into. */
    public S3Settings settings(final AbstractConfig config) {
        final String endpoint = config.getString(key(ENDPOINT_CONFIG));
        final Long timeoutMs = config.getLong(key(API_CALL_TIMEOUT_MS_CONFIG));
        return new S3Settings(
                endpoint.isBlank() ? null : URI.create(endpoint.trim()),
                config.getString(key(REGION_CONFIG)),
                config.getBoolean(key(PATH_STYLE_ACCESS_CONFIG)),
                credentials(config),
                config.getInt(key(MAX_ATTEMPTS_CONFIG)),
                timeoutMs == null ? null : Duration.ofMillis(timeoutMs),
                null);
    }

    /**
     * The settings in {@code props}, parsed with this fragment's keys alone.
     *
     * @throws ConfigException naming the key when a value is invalid
     */
    public S3Settings settings(final Map<String, ?> props) {
        return settings(new AbstractConfig(define(new ConfigDef()), props, false));
    }

    /**
     * Where S3 is and as whom, as this fragment's keys: what one part of mailroute hands another
     * (ops to the topology and the connector). How hard a call tries stays each user's own choice.
     */
    public Map<String, String> connectionProperties(final S3Settings settings) {
        final Map<String, String> props = new LinkedHashMap<>();
        props.put(
                key(ENDPOINT_CONFIG),
                settings.endpoint() == null ? "" : settings.endpoint().toString());
        props.put(key(REGION_CONFIG), settings.region());
        props.put(key(PATH_STYLE_ACCESS_CONFIG), Boolean.toString(settings.pathStyleAccess()));
        if (settings.credentials() != null) {
            props.put(key(ACCESS_KEY_ID_CONFIG), settings.credentials().accessKeyId());
            props.put(key(SECRET_ACCESS_KEY_CONFIG), settings.credentials().secretAccessKey());
            if (settings.credentials() instanceof AwsSessionCredentials session) {
                props.put(key(SESSION_TOKEN_CONFIG), session.sessionToken());
            }
        }
        return props;
    }

    /** A fluent builder of this fragment's properties in {@code props}, for tests and tools. */
    public Setter setter(final Map<String, String> props) {
        return new Setter(props);
    }

    private Optional<String> secret(final AbstractConfig config, final String name) {
        return Optional.ofNullable(config.getPassword(key(name)))
                .map(Password::value)
                .filter(v -> !v.isBlank());
    }

    private AwsCredentials credentials(final AbstractConfig config) {
        final Optional<String> id = secret(config, ACCESS_KEY_ID_CONFIG);
        final Optional<String> key = secret(config, SECRET_ACCESS_KEY_CONFIG);
        if (id.isPresent() != key.isPresent()) {
            throw new ConfigException(
                    key(id.isPresent() ? SECRET_ACCESS_KEY_CONFIG : ACCESS_KEY_ID_CONFIG),
                    "[hidden]",
                    credentialsTogether());
        }
        if (id.isEmpty()) {
            return null;
        }
        final Optional<String> token = secret(config, SESSION_TOKEN_CONFIG);
        return token.isPresent()
                ? AwsSessionCredentials.create(id.get(), key.get(), token.get())
                : AwsBasicCredentials.create(id.get(), key.get());
    }

    private String credentialsTogether() {
        return key(ACCESS_KEY_ID_CONFIG) + " and " + key(SECRET_ACCESS_KEY_CONFIG)
                + " must be set together (or both left empty for the default credentials chain)";
    }

    private static boolean hasValue(final ConfigValue value) {
        if (value == null || value.value() == null) {
            return false;
        }
        final Object v = value.value();
        return !(v instanceof Password p ? p.value() : v.toString()).isBlank();
    }

    private static Long toMillis(final Duration duration) {
        return duration == null ? null : duration.toMillis();
    }

    /** Accepts null (no bound) or a number of at least {@code min}. */
    private static final class OptionalAtLeast implements ConfigDef.Validator {
        private final long min;

        OptionalAtLeast(final long min) {
            this.min = min;
        }

        @Override
        public void ensureValid(final String name, final Object value) {
            if (value != null && ((Number) value).longValue() < min) {
                throw new ConfigException(name, value, "must be at least " + min);
            }
        }

        @Override
        public String toString() {
            return "[" + min + ",...]";
        }
    }

    /** Builds the fragment's properties fluently: {@code S3.setter(props).endpoint(url).credentials(id, secret)}. */
    public final class Setter {
        private final Map<String, String> props;

        private Setter(final Map<String, String> props) {
            this.props = props;
        }

        private Setter set(final String name, final Object value) {
            props.put(key(name), String.valueOf(value));
            return this;
        }

        /** Endpoint override with path-style access, as MinIO and S3Proxy need. */
        public Setter endpoint(final String url) {
            return set(ENDPOINT_CONFIG, url).set(PATH_STYLE_ACCESS_CONFIG, true);
        }

        public Setter region(final String region) {
            return set(REGION_CONFIG, region);
        }

        public Setter pathStyleAccess(final boolean pathStyle) {
            return set(PATH_STYLE_ACCESS_CONFIG, pathStyle);
        }

        public Setter credentials(final String accessKeyId, final String secretAccessKey) {
            return set(ACCESS_KEY_ID_CONFIG, accessKeyId).set(SECRET_ACCESS_KEY_CONFIG, secretAccessKey);
        }

        public Setter sessionToken(final String token) {
            return set(SESSION_TOKEN_CONFIG, token);
        }

        public Setter maxAttempts(final int attempts) {
            return set(MAX_ATTEMPTS_CONFIG, attempts);
        }

        public Setter apiCallTimeout(final Duration timeout) {
            return set(API_CALL_TIMEOUT_MS_CONFIG, timeout.toMillis());
        }

        public Map<String, String> props() {
            return props;
        }
    }
}
