package io.mailroute.connectors.aws;

import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The keys of a role to assume before calling AWS, under a prefix ({@code aws.} for the
 * Organizations connector, {@code s3.} for the S3 mail source): the role, the session name and
 * the external id its trust policy may require. Both connectors ship STS; the topology and the
 * mailroute commands do not assume roles.
 */
public final class AssumeRoleConfig {
    public static final String ROLE_ARN = "sts.role.arn";
    public static final String ROLE_SESSION_NAME = "sts.role.session.name";
    public static final String ROLE_SESSION_NAME_DEFAULT = "mailroute";
    public static final String ROLE_EXTERNAL_ID = "sts.role.external.id";
    /** How many keys {@link #define} adds. */
    public static final int KEY_COUNT = 3;

    private final String prefix;

    /** @param prefix put before every key, e.g. {@code aws.} */
    public AssumeRoleConfig(final String prefix) {
        this.prefix = prefix;
    }

    /** {@code name} (one of the constants) under this prefix. */
    public String key(final String name) {
        return prefix + name;
    }

    /** Adds the keys to {@code def} in {@code group}, ordered from {@code order} + 1 on. */
    public ConfigDef define(final ConfigDef def, final String group, final int order) {
        return def.define(
                        key(ROLE_ARN),
                        Type.STRING,
                        "",
                        Importance.MEDIUM,
                        "Role to assume before calling the service (e.g. into another account); empty for none.",
                        group,
                        order + 1,
                        Width.LONG,
                        "Assume role ARN")
                .define(
                        key(ROLE_SESSION_NAME),
                        Type.STRING,
                        ROLE_SESSION_NAME_DEFAULT,
                        new ConfigDef.NonEmptyString(),
                        Importance.LOW,
                        "Session name used when assuming " + key(ROLE_ARN) + ".",
                        group,
                        order + 2,
                        Width.MEDIUM,
                        "Assume role session name")
                .define(
                        key(ROLE_EXTERNAL_ID),
                        Type.PASSWORD,
                        null,
                        Importance.LOW,
                        "External id required by the trust policy of " + key(ROLE_ARN) + ", if any.",
                        group,
                        order + 3,
                        Width.MEDIUM,
                        "Assume role external id");
    }

    /** {@code base} wrapped in STS AssumeRole (signed in {@code region}) when a role is set, else {@code base}. */
    public AwsCredentialsProvider wrap(
            final AbstractConfig config, final AwsCredentialsProvider base, final Region region) {
        final String roleArn = config.getString(key(ROLE_ARN));
        if (roleArn.isBlank()) {
            return base;
        }
        final StsClient sts = StsClient.builder()
                .region(region)
                .credentialsProvider(base)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        final Optional<String> externalId = Optional.ofNullable(config.getPassword(key(ROLE_EXTERNAL_ID)))
                .map(Password::value)
                .filter(v -> !v.isBlank());
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> {
                    r.roleArn(roleArn).roleSessionName(config.getString(key(ROLE_SESSION_NAME)));
                    externalId.ifPresent(r::externalId);
                })
                .build();
    }
}
