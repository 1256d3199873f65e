package io.mailroute.connectors.aws;

import java.net.URI;
import java.time.Duration;
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
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The AWS keys both connectors share: region, endpoint override, credentials (as {@code PASSWORD}
 * configs, the default provider chain when absent), optional assume-role, and retries with
 * backoff on throttling and 5xx errors.
 */
public final class AwsConfig {
    public static final String GROUP = "AWS";

    public static final String REGION_CONFIG = "aws.region";
    private static final String REGION_DOC = "AWS region of the service endpoint, e.g. us-east-1.";
    public static final String REGION_DEFAULT = "us-east-1";

    public static final String ENDPOINT_CONFIG = "aws.endpoint.url";
    private static final String ENDPOINT_DOC = "Endpoint override (http://host:port) for MinIO, S3Proxy or a test stub; "
            + "empty for the AWS endpoint of the region.";

    public static final String ACCESS_KEY_ID_CONFIG = "aws.access.key.id";
    private static final String ACCESS_KEY_ID_DOC = "Access key id; with " + "aws.secret.access.key"
            + ". Empty to use the default provider chain (environment, profile, instance role).";

    public static final String SECRET_ACCESS_KEY_CONFIG = "aws.secret.access.key";
    private static final String SECRET_ACCESS_KEY_DOC = "Secret access key for " + ACCESS_KEY_ID_CONFIG + "; never logged.";

    public static final String SESSION_TOKEN_CONFIG = "aws.session.token";
    private static final String SESSION_TOKEN_DOC = "Session token for temporary credentials; never logged.";

    public static final String ROLE_ARN_CONFIG = "aws.sts.role.arn";
    private static final String ROLE_ARN_DOC = "Role to assume before calling the service (e.g. into the management account); empty for none.";

    public static final String ROLE_SESSION_NAME_CONFIG = "aws.sts.role.session.name";
    private static final String ROLE_SESSION_NAME_DOC = "Session name used when assuming " + ROLE_ARN_CONFIG + ".";
    public static final String ROLE_SESSION_NAME_DEFAULT = "mailroute";

    public static final String ROLE_EXTERNAL_ID_CONFIG = "aws.sts.role.external.id";
    private static final String ROLE_EXTERNAL_ID_DOC = "External id required by the trust policy of " + ROLE_ARN_CONFIG + ", if any.";

    public static final String MAX_ATTEMPTS_CONFIG = "aws.max.attempts";
    private static final String MAX_ATTEMPTS_DOC = "Attempts per API call, with jittered exponential backoff on throttling, "
            + "5xx and network errors, before the call fails.";
    public static final int MAX_ATTEMPTS_DEFAULT = 10;

    public static final String API_CALL_TIMEOUT_MS_CONFIG = "aws.api.call.timeout.ms";
    private static final String API_CALL_TIMEOUT_MS_DOC = "Upper bound for one API call including its retries, in milliseconds.";
    public static final long API_CALL_TIMEOUT_MS_DEFAULT = 120_000L;

    private final AbstractConfig config;

    public AwsConfig(final AbstractConfig config) {
        this.config = config;
    }

    /** Adds the AWS keys to {@code def} in group {@value #GROUP}. */
    public static ConfigDef define(final ConfigDef def) {
        int order = 0;
        return def
                .define(REGION_CONFIG, Type.STRING, REGION_DEFAULT, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                        REGION_DOC, GROUP, ++order, Width.SHORT, "Region")
                .define(ENDPOINT_CONFIG, Type.STRING, "", new EndpointValidator(), Importance.LOW,
                        ENDPOINT_DOC, GROUP, ++order, Width.LONG, "Endpoint override")
                .define(ACCESS_KEY_ID_CONFIG, Type.PASSWORD, null, Importance.HIGH,
                        ACCESS_KEY_ID_DOC, GROUP, ++order, Width.MEDIUM, "Access key id")
                .define(SECRET_ACCESS_KEY_CONFIG, Type.PASSWORD, null, Importance.HIGH,
                        SECRET_ACCESS_KEY_DOC, GROUP, ++order, Width.MEDIUM, "Secret access key")
                .define(SESSION_TOKEN_CONFIG, Type.PASSWORD, null, Importance.LOW,
                        SESSION_TOKEN_DOC, GROUP, ++order, Width.MEDIUM, "Session token")
                .define(ROLE_ARN_CONFIG, Type.STRING, "", Importance.MEDIUM,
                        ROLE_ARN_DOC, GROUP, ++order, Width.LONG, "Assume role ARN")
                .define(ROLE_SESSION_NAME_CONFIG, Type.STRING, ROLE_SESSION_NAME_DEFAULT, new ConfigDef.NonEmptyString(),
                        Importance.LOW, ROLE_SESSION_NAME_DOC, GROUP, ++order, Width.MEDIUM, "Assume role session name")
                .define(ROLE_EXTERNAL_ID_CONFIG, Type.PASSWORD, null, Importance.LOW,
                        ROLE_EXTERNAL_ID_DOC, GROUP, ++order, Width.MEDIUM, "Assume role external id")
                .define(MAX_ATTEMPTS_CONFIG, Type.INT, MAX_ATTEMPTS_DEFAULT, ConfigDef.Range.between(1, 100), Importance.LOW,
                        MAX_ATTEMPTS_DOC, GROUP, ++order, Width.SHORT, "Max attempts")
                .define(API_CALL_TIMEOUT_MS_CONFIG, Type.LONG, API_CALL_TIMEOUT_MS_DEFAULT, ConfigDef.Range.atLeast(1_000L),
                        Importance.LOW, API_CALL_TIMEOUT_MS_DOC, GROUP, ++order, Width.SHORT, "API call timeout");
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
        final AwsCredentialsProvider base = staticCredentials().orElseGet(() -> DefaultCredentialsProvider.builder().build());
        final String roleArn = config.getString(ROLE_ARN_CONFIG);
        if (roleArn.isBlank()) {
            return base;
        }
        final StsClient sts = StsClient.builder()
                .region(region())
                .credentialsProvider(base)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> {
                    r.roleArn(roleArn).roleSessionName(config.getString(ROLE_SESSION_NAME_CONFIG));
                    secret(ROLE_EXTERNAL_ID_CONFIG).ifPresent(r::externalId);
                })
                .build();
    }

    private Optional<AwsCredentialsProvider> staticCredentials() {
        final Optional<String> id = secret(ACCESS_KEY_ID_CONFIG);
        final Optional<String> key = secret(SECRET_ACCESS_KEY_CONFIG);
        if (id.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        final Optional<String> token = secret(SESSION_TOKEN_CONFIG);
        return Optional.of(StaticCredentialsProvider.create(token.isPresent()
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
                        .maxAttempts(config.getInt(MAX_ATTEMPTS_CONFIG)).build())
                .apiCallTimeout(Duration.ofMillis(config.getLong(API_CALL_TIMEOUT_MS_CONFIG)))
                .build();
    }

    /** Validates that an endpoint override, when given, is an absolute http(s) URL. */
    static final class EndpointValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(final String name, final Object value) {
            final String text = value == null ? "" : value.toString();
            if (text.isBlank()) {
                return;
            }
            try {
                final URI uri = URI.create(text);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new ConfigException(name, value, "must be an http(s) URL such as http://127.0.0.1:9000");
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, "is not a URL: " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "empty or an http(s) URL";
        }
    }
}
