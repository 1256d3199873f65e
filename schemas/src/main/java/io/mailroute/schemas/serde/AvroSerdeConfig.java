package io.mailroute.schemas.serde;

import io.mailroute.schemas.registry.RegistryClientSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Configuration of the Avro serde. Key names are those of Confluent's serializers so that the
 * same client properties work with either.
 */
public final class AvroSerdeConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    private static final String SCHEMA_REGISTRY_URL_DOC = "Comma-separated registry base URLs, tried in order; "
            + "mock://<scope> selects an in-process registry shared by everything in that scope.";

    public static final String BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG = "basic.auth.credentials.source";
    private static final String BASIC_AUTH_CREDENTIALS_SOURCE_DOC = "Where basic-auth credentials come from: "
            + "USER_INFO (basic.auth.user.info) or URL (user:password@ in the registry URL).";

    public static final String USER_INFO_CONFIG = "basic.auth.user.info";
    private static final String USER_INFO_DOC =
            "user:password for HTTP basic auth when the credentials source is USER_INFO.";

    public static final String BEARER_AUTH_TOKEN_CONFIG = "bearer.auth.token";
    private static final String BEARER_AUTH_TOKEN_DOC =
            "Static bearer token sent as Authorization: Bearer; wins over basic auth.";

    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";
    private static final String AUTO_REGISTER_SCHEMAS_DOC =
            "Register the writer schema on first use; when false the schema must already be registered.";

    public static final String SPECIFIC_AVRO_READER_CONFIG = "specific.avro.reader";
    private static final String SPECIFIC_AVRO_READER_DOC =
            "Deserialize into generated SpecificRecord classes instead of GenericRecord.";

    public static final String SUBJECT_NAME_STRATEGY_CONFIG = "value.subject.name.strategy";
    public static final String KEY_SUBJECT_NAME_STRATEGY_CONFIG = "key.subject.name.strategy";
    private static final String SUBJECT_NAME_STRATEGY_DOC =
            "TopicNameStrategy (<topic>-value), RecordNameStrategy (<record full name>) "
                    + "or TopicRecordNameStrategy (<topic>-<record full name>); Confluent class names are accepted.";

    public static final String REQUEST_TIMEOUT_MS_CONFIG = "schema.registry.request.timeout.ms";
    private static final String REQUEST_TIMEOUT_MS_DOC = "Timeout of one registry HTTP call, in milliseconds.";

    public static final String LATEST_CACHE_TTL_SEC_CONFIG = "latest.cache.ttl.sec";
    private static final String LATEST_CACHE_TTL_SEC_DOC = "How long a subject's latest version is cached, in seconds.";

    private static final ConfigDef CONFIG_DEF = configDef();

    public AvroSerdeConfig(final Map<String, ?> props) {
        super(CONFIG_DEF, props, false);
    }

    /** The serde's configuration keys. */
    public static ConfigDef configDef() {
        return new ConfigDef()
                .define(
                        SCHEMA_REGISTRY_URL_CONFIG,
                        Type.LIST,
                        ConfigDef.NO_DEFAULT_VALUE,
                        Importance.HIGH,
                        SCHEMA_REGISTRY_URL_DOC)
                .define(
                        BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG,
                        Type.STRING,
                        "USER_INFO",
                        ConfigDef.CaseInsensitiveValidString.in("USER_INFO", "URL"),
                        Importance.MEDIUM,
                        BASIC_AUTH_CREDENTIALS_SOURCE_DOC)
                .define(USER_INFO_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, USER_INFO_DOC)
                .define(BEARER_AUTH_TOKEN_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, BEARER_AUTH_TOKEN_DOC)
                .define(AUTO_REGISTER_SCHEMAS_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, AUTO_REGISTER_SCHEMAS_DOC)
                .define(SPECIFIC_AVRO_READER_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, SPECIFIC_AVRO_READER_DOC)
                .define(
                        SUBJECT_NAME_STRATEGY_CONFIG,
                        Type.STRING,
                        "TopicNameStrategy",
                        Importance.LOW,
                        SUBJECT_NAME_STRATEGY_DOC)
                .define(
                        KEY_SUBJECT_NAME_STRATEGY_CONFIG,
                        Type.STRING,
                        "TopicNameStrategy",
                        Importance.LOW,
                        SUBJECT_NAME_STRATEGY_DOC)
                .define(
                        REQUEST_TIMEOUT_MS_CONFIG,
                        Type.INT,
                        10_000,
                        ConfigDef.Range.atLeast(1),
                        Importance.LOW,
                        REQUEST_TIMEOUT_MS_DOC)
                .define(
                        LATEST_CACHE_TTL_SEC_CONFIG,
                        Type.LONG,
                        60L,
                        ConfigDef.Range.atLeast(0),
                        Importance.LOW,
                        LATEST_CACHE_TTL_SEC_DOC);
    }

    public List<String> registryUrls() {
        return getList(SCHEMA_REGISTRY_URL_CONFIG);
    }

    public boolean autoRegister() {
        return getBoolean(AUTO_REGISTER_SCHEMAS_CONFIG);
    }

    public boolean specificReader() {
        return getBoolean(SPECIFIC_AVRO_READER_CONFIG);
    }

    public SubjectNameStrategy subjectNameStrategy(final boolean isKey) {
        return SubjectNameStrategy.parse(
                getString(isKey ? KEY_SUBJECT_NAME_STRATEGY_CONFIG : SUBJECT_NAME_STRATEGY_CONFIG));
    }

    /** Client settings for HTTP registries; user info embedded in a URL is moved into basic auth. */
    public RegistryClientSettings clientSettings() {
        Optional<String> userInfo =
                Optional.ofNullable(getPassword(USER_INFO_CONFIG)).map(Password::value);
        List<String> urls = registryUrls();
        if ("URL".equals(getString(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG).toUpperCase(Locale.ROOT))) {
            userInfo = urls.stream()
                    .map(u -> URI.create(u).getUserInfo())
                    .filter(Objects::nonNull)
                    .findFirst();
            urls = urls.stream().map(AvroSerdeConfig::stripUserInfo).toList();
        }
        if (urls.isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL_CONFIG, urls, "at least one registry URL is required");
        }
        return new RegistryClientSettings(
                urls,
                userInfo,
                Optional.ofNullable(getPassword(BEARER_AUTH_TOKEN_CONFIG)).map(Password::value),
                Duration.ofMillis(getInt(REQUEST_TIMEOUT_MS_CONFIG)),
                Duration.ofSeconds(getLong(LATEST_CACHE_TTL_SEC_CONFIG)));
    }

    private static String stripUserInfo(final String url) {
        final URI uri = URI.create(url);
        return uri.getUserInfo() == null ? url : url.replace(uri.getUserInfo() + "@", "");
    }
}
