package io.mailroute.connectors.aws;

import io.mailroute.s3.EndpointValidator;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS keys of the Organizations connector: region, endpoint override, credentials (as
 * {@code PASSWORD} configs, the default provider chain when absent), optional assume-role, and
 * retries with backoff on throttling and 5xx errors. S3 has keys of its own, the same for every
 * part of mailroute ({@link io.mailroute.s3.S3ConfigFragment}).
 */
public final class AwsConfig {
    public static final String GROUP = "AWS";

    public static final String REGION_CONFIG = "aws.region";
    private static final String REGION_DOC = "AWS region of the service endpoint, e.g. us-east-1.";
    public static final String REGION_DEFAULT = "us-east-1";

    public static final String ENDPOINT_CONFIG = "aws.endpoint.url";
    private static final String ENDPOINT_DOC =
            "Endpoint override (http://host:port), e.g. a test stub; " + "empty for the AWS endpoint of the region.";

    public static final String ACCESS_KEY_ID_CONFIG = "aws.access.key.id";
    private static final String ACCESS_KEY_ID_DOC = "Access key id; with " + "aws.secret.access.key"
            + ". Empty to use the default provider chain (environment, profile, instance role).";

    public static final String SECRET_ACCESS_KEY_CONFIG = "aws.secret.access.key";
    private static final String SECRET_ACCESS_KEY_DOC =
            "Secret access key for " + ACCESS_KEY_ID_CONFIG + "; never logged.";

    public static final String SESSION_TOKEN_CONFIG = "aws.session.token";
    private static final String SESSION_TOKEN_DOC = "Session token for temporary credentials; never logged.";

    public static final String MAX_ATTEMPTS_CONFIG = "aws.max.attempts";
    private static final String MAX_ATTEMPTS_DOC =
            "Attempts per API call, with jittered exponential backoff on throttling, "
                    + "5xx and network errors, before the call fails.";
    public static final int MAX_ATTEMPTS_DEFAULT = 10;

    public static final String API_CALL_TIMEOUT_MS_CONFIG = "aws.api.call.timeout.ms";
    private static final String API_CALL_TIMEOUT_MS_DOC =
            "Upper bound for one API call including its retries, in milliseconds.";
    public static final long API_CALL_TIMEOUT_MS_DEFAULT = 120_000L;

    private static final AssumeRoleConfig ROLE = new AssumeRoleConfig("aws.");

    private final AbstractConfig config;

    public AwsConfig(final AbstractConfig config) {
        this.config = config;
    }

    /** Adds the AWS keys to {@code def} in group {@value #GROUP}. */
    public static ConfigDef define(final ConfigDef def) {
        int order = 0;
        def.define(
                        REGION_CONFIG,
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
                        ENDPOINT_CONFIG,
                        Type.STRING,
                        "",
                        new EndpointValidator(),
                        Importance.LOW,
                        ENDPOINT_DOC,
                        GROUP,
                        ++order,
                        Width.LONG,
                        "Endpoint override")
                .define(
                        ACCESS_KEY_ID_CONFIG,
                        Type.PASSWORD,
                        null,
                        Importance.HIGH,
                        ACCESS_KEY_ID_DOC,
                        GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Access key id")
                .define(
                        SECRET_ACCESS_KEY_CONFIG,
                        Type.PASSWORD,
                        null,
                        Importance.HIGH,
                        SECRET_ACCESS_KEY_DOC,
                        GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Secret access key")
                .define(
                        SESSION_TOKEN_CONFIG,
                        Type.PASSWORD,
                        null,
                        Importance.LOW,
                        SESSION_TOKEN_DOC,
                        GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Session token");
        ROLE.define(def, GROUP, order);
        order += AssumeRoleConfig.KEY_COUNT;
        return def.define(
                        MAX_ATTEMPTS_CONFIG,
                        Type.INT,
                        MAX_ATTEMPTS_DEFAULT,
                        ConfigDef.Range.between(1, 100),
                        Importance.LOW,
                        MAX_ATTEMPTS_DOC,
                        GROUP,
                        ++order,
                        Width.SHORT,
                        "Max attempts")
                .define(
                        API_CALL_TIMEOUT_MS_CONFIG,
                        Type.LONG,
                        API_CALL_TIMEOUT_MS_DEFAULT,
                        ConfigDef.Range.atLeast(1_000L),
                        Importance.LOW,
                        API_CALL_TIMEOUT_MS_DOC,
                        GROUP,
                        ++order,
                        Width.SHORT,
                        "API call timeout");
    }

    /** Cross-field check: key id and secret come together. */
    public static void validate(final Map<String, ConfigValue> values) {
        final boolean id = hasValue(values.get(ACCESS_KEY_ID_CONFIG));
        final boolean secret = hasValue(values.get(SECRET_ACCESS_KEY_CONFIG));
        if (id != secret) {
            final ConfigValue missing = values.get(id ? SECRET_ACCESS_KEY_CONFIG : ACCESS_KEY_ID_CONFIG);
            missing.addErrorMessage(ACCESS_KEY_ID_CONFIG + " and " + SECRET_ACCESS_KEY_CONFIG
                    + " must be set together (or both left empty for the default provider chain)");
        }
    }

    private static boolean hasValue(final ConfigValue value) {
        if (value == null || value.value() == null) {
            return false;
        }
        final Object v = value.value();
        return !(v instanceof Password p ? p.value() : v.toString()).isBlank();
    }

    public Region region() {
        return Region.of(config.getString(REGION_CONFIG));
    }

    public Optional<URI> endpointOverride() {
        final String endpoint = config.getString(ENDPOINT_CONFIG);
        return endpoint.isBlank() ? Optional.empty() : Optional.of(URI.create(endpoint));
    }

    /** Static credentials when configured, else the default chain; wrapped in assume-role when a role is set. */
    public AwsCredentialsProvider credentialsProvider() {
        final AwsCredentialsProvider base = staticCredentials()
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        return ROLE.wrap(config, base, region());
    }

    private Optional<AwsCredentialsProvider> staticCredentials() {
        final Optional<String> id = secret(ACCESS_KEY_ID_CONFIG);
        final Optional<String> key = secret(SECRET_ACCESS_KEY_CONFIG);
        if (id.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        final Optional<String> token = secret(SESSION_TOKEN_CONFIG);
        return Optional.of(StaticCredentialsProvider.create(
                token.isPresent()
                        ? AwsSessionCredentials.create(id.get(), key.get(), token.get())
                        : AwsBasicCredentials.create(id.get(), key.get())));
    }

    private Optional<String> secret(final String key) {
        return Optional.ofNullable(config.getPassword(key)).map(Password::value).filter(v -> !v.isBlank());
    }

    /** Retries with the SDK's standard jittered backoff (throttling, 5xx, I/O) and the overall call timeout. */
    public ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(config.getInt(MAX_ATTEMPTS_CONFIG))
                        .build())
                .apiCallTimeout(Duration.ofMillis(config.getLong(API_CALL_TIMEOUT_MS_CONFIG)))
                .build();
    }
}
