package io.mailroute.connectors.smtp;

import io.mailroute.connectors.common.LowerCaseEnums;
import io.mailroute.connectors.common.RegistryConfig;
import io.mailroute.connectors.delivery.DeliveriesConfig;
import io.mailroute.connectors.delivery.DeliveringSinkSetter;
import io.mailroute.s3.S3ConfigFragment;
import io.mailroute.s3.S3ConfigFragment.CallDefaults;
import io.mailroute.s3.S3Settings;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Configuration of {@link SmtpSinkConnector}, shared by the connector and its tasks. */
public final class SmtpSinkConfig extends AbstractConfig {
    public static final String SMTP_GROUP = "SMTP";
    public static final String MESSAGE_GROUP = "Message";

    /** The S3 keys, unprefixed, for fetching the original mail: a sink waits, but not for long. */
    public static final S3ConfigFragment S3 = new S3ConfigFragment("", new CallDefaults(3, Duration.ofSeconds(30)));

    public static final String HOST_CONFIG = "smtp.host";
    private static final String HOST_DOC = "Host name of the SMTP server (relay) notices are submitted to.";

    public static final String PORT_CONFIG = "smtp.port";
    private static final String PORT_DOC =
            "Port of the SMTP server: typically 587 with STARTTLS, 465 with SMTPS, 25 without TLS.";
    public static final int PORT_DEFAULT = 587;

    public static final String SECURITY_CONFIG = "smtp.security";
    private static final String SECURITY_DOC =
            "Transport security: starttls (required, the connection fails without it), smtps (TLS from the first byte) or none.";
    public static final String SECURITY_DEFAULT = "starttls";

    public static final String SSL_TRUST_CONFIG = "smtp.ssl.trust";
    private static final String SSL_TRUST_DOC =
            "Hosts whose certificate is trusted without verification, space-separated, or * for all; empty verifies every certificate against the JVM's trust store.";

    public static final String SSL_CHECK_IDENTITY_CONFIG = "smtp.ssl.check.server.identity";
    private static final String SSL_CHECK_IDENTITY_DOC =
            "Check that the server's certificate names smtp.host (RFC 2595).";

    public static final String USERNAME_CONFIG = "smtp.username";
    private static final String USERNAME_DOC = "User name for SMTP AUTH; empty to submit without authentication.";

    public static final String PASSWORD_CONFIG = "smtp.password";
    private static final String PASSWORD_DOC = "Password of smtp.username; never logged.";

    public static final String CONNECTION_TIMEOUT_MS_CONFIG = "smtp.connection.timeout.ms";
    private static final String CONNECTION_TIMEOUT_MS_DOC =
            "Timeout for connecting to the SMTP server, in milliseconds.";
    public static final int CONNECTION_TIMEOUT_MS_DEFAULT = 10_000;

    public static final String TIMEOUT_MS_CONFIG = "smtp.timeout.ms";
    private static final String TIMEOUT_MS_DOC =
            "Timeout for each read from and write to the SMTP server, in milliseconds.";
    public static final int TIMEOUT_MS_DEFAULT = 30_000;

    public static final String FROM_DEFAULT_CONFIG = "from.default";
    private static final String FROM_DEFAULT_DOC =
            "Sender (From) of notices, e.g. \"Mail notices <no-reply@example.com>\".";

    public static final String FROM_URGENT_CONFIG = "from.urgent";
    private static final String FROM_URGENT_DOC =
            "Sender of notices of severity HIGH or URGENT, e.g. support@example.com; empty for from.default.";

    public static final String REPLY_TO_CONFIG = "reply.to";
    private static final String REPLY_TO_DOC = "Reply-To of every notice; empty for none.";

    public static final String MESSAGE_ID_DOMAIN_CONFIG = "message.id.domain";
    private static final String MESSAGE_ID_DOMAIN_DOC =
            "Right-hand side of the Message-ID derived from (mailId, ownerId); empty for the domain of from.default.";

    public static final String TEMPLATES_DIR_CONFIG = "templates.dir";
    private static final String TEMPLATES_DIR_DOC =
            "Directory of templates (<locale>/<category>.subject.txt and .body.txt, UTF-8) that take precedence over the shipped ones; empty for the shipped ones only.";

    public static final String DEFAULT_LOCALE_CONFIG = "templates.default.locale";
    private static final String DEFAULT_LOCALE_DOC =
            "Locale of the templates used when the owner's locale has none, e.g. en or ja.";
    public static final String DEFAULT_LOCALE_DEFAULT = "en";

    public static final String ATTACH_ORIGINAL_CONFIG = "attach.original";
    private static final String ATTACH_ORIGINAL_DOC =
            "Attach the original mail as message/rfc822, fetched from S3 by the record's raw reference.";

    public static final String ATTACH_MAX_BYTES_CONFIG = "attach.max.bytes";
    private static final String ATTACH_MAX_BYTES_DOC =
            "Largest original mail attached, in bytes; a larger one is named in the body instead of attached.";
    public static final long ATTACH_MAX_BYTES_DEFAULT = 10L * 1024 * 1024;

    private static final DeliveriesConfig.Docs DELIVERIES_DOCS = new DeliveriesConfig.Docs(
            "Attempts per notice on transient failures (4xx replies, connection errors) before it is dead-lettered as FAILED.",
            "Wait before the second attempt after a transient failure, in milliseconds; doubles per attempt.",
            "Longest wait between two attempts, in milliseconds.",
            "Compacted topic every outcome is recorded on (Delivery, key mailId|ownerId|SMTP) and read at task start so that nothing is sent twice.",
            "Kafka bootstrap servers of deliveries.topic, also used to read an original from its mail.raw record when S3 no longer has it; further client settings (security) as deliveries.client.<key>.");

    private static final ConfigDef CONFIG_DEF = configDef();

    private final Security security;

    public SmtpSinkConfig(final Map<String, String> props) {
        super(CONFIG_DEF, props);
        this.security = LowerCaseEnums.parse(Security.class, getString(SECURITY_CONFIG));
    }

    /** Every key of the connector, with groups and docs (the README table is generated from it). */
    public static ConfigDef configDef() {
        final ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(
                        HOST_CONFIG,
                        Type.STRING,
                        ConfigDef.NO_DEFAULT_VALUE,
                        new ConfigDef.NonEmptyString(),
                        Importance.HIGH,
                        HOST_DOC,
                        SMTP_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "SMTP host")
                .define(
                        PORT_CONFIG,
                        Type.INT,
                        PORT_DEFAULT,
                        ConfigDef.Range.between(1, 65535),
                        Importance.HIGH,
                        PORT_DOC,
                        SMTP_GROUP,
                        ++order,
                        Width.SHORT,
                        "SMTP port")
                .define(
                        SECURITY_CONFIG,
                        Type.STRING,
                        SECURITY_DEFAULT,
                        LowerCaseEnums.validator(Security.class),
                        Importance.HIGH,
                        SECURITY_DOC,
                        SMTP_GROUP,
                        ++order,
                        Width.SHORT,
                        "Security")
                .define(
                        SSL_TRUST_CONFIG,
                        Type.STRING,
                        "",
                        Importance.LOW,
                        SSL_TRUST_DOC,
                        SMTP_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Trusted hosts")
                .define(
                        SSL_CHECK_IDENTITY_CONFIG,
                        Type.BOOLEAN,
                        true,
                        Importance.LOW,
                        SSL_CHECK_IDENTITY_DOC,
                        SMTP_GROUP,
                        ++order,
                        Width.SHORT,
                        "Check server identity")
                .define(
                        USERNAME_CONFIG,
                        Type.STRING,
                        "",
                        Importance.HIGH,
                        USERNAME_DOC,
                        SMTP_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "User name")
                .define(
                        PASSWORD_CONFIG,
                        Type.PASSWORD,
                        null,
                        Importance.HIGH,
                        PASSWORD_DOC,
                        SMTP_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Password")
                .define(
                        CONNECTION_TIMEOUT_MS_CONFIG,
                        Type.INT,
                        CONNECTION_TIMEOUT_MS_DEFAULT,
                        ConfigDef.Range.atLeast(1),
                        Importance.LOW,
                        CONNECTION_TIMEOUT_MS_DOC,
                        SMTP_GROUP,
                        ++order,
                        Width.SHORT,
                        "Connection timeout")
                .define(
                        TIMEOUT_MS_CONFIG,
                        Type.INT,
                        TIMEOUT_MS_DEFAULT,
                        ConfigDef.Range.atLeast(1),
                        Importance.LOW,
                        TIMEOUT_MS_DOC,
                        SMTP_GROUP,
                        ++order,
                        Width.SHORT,
                        "I/O timeout");
        order = 0;
        def.define(
                        FROM_DEFAULT_CONFIG,
                        Type.STRING,
                        ConfigDef.NO_DEFAULT_VALUE,
                        new AddressValidator(false),
                        Importance.HIGH,
                        FROM_DEFAULT_DOC,
                        MESSAGE_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Default sender")
                .define(
                        FROM_URGENT_CONFIG,
                        Type.STRING,
                        "",
                        new AddressValidator(true),
                        Importance.MEDIUM,
                        FROM_URGENT_DOC,
                        MESSAGE_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Urgent sender")
                .define(
                        REPLY_TO_CONFIG,
                        Type.STRING,
                        "",
                        new AddressValidator(true),
                        Importance.LOW,
                        REPLY_TO_DOC,
                        MESSAGE_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Reply-To")
                .define(
                        MESSAGE_ID_DOMAIN_CONFIG,
                        Type.STRING,
                        "",
                        Importance.LOW,
                        MESSAGE_ID_DOMAIN_DOC,
                        MESSAGE_GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Message-ID domain")
                .define(
                        TEMPLATES_DIR_CONFIG,
                        Type.STRING,
                        "",
                        Importance.MEDIUM,
                        TEMPLATES_DIR_DOC,
                        MESSAGE_GROUP,
                        ++order,
                        Width.LONG,
                        "Templates directory")
                .define(
                        DEFAULT_LOCALE_CONFIG,
                        Type.STRING,
                        DEFAULT_LOCALE_DEFAULT,
                        new ConfigDef.NonEmptyString(),
                        Importance.LOW,
                        DEFAULT_LOCALE_DOC,
                        MESSAGE_GROUP,
                        ++order,
                        Width.SHORT,
                        "Default locale")
                .define(
                        ATTACH_ORIGINAL_CONFIG,
                        Type.BOOLEAN,
                        true,
                        Importance.MEDIUM,
                        ATTACH_ORIGINAL_DOC,
                        MESSAGE_GROUP,
                        ++order,
                        Width.SHORT,
                        "Attach original")
                .define(
                        ATTACH_MAX_BYTES_CONFIG,
                        Type.LONG,
                        ATTACH_MAX_BYTES_DEFAULT,
                        ConfigDef.Range.atLeast(0L),
                        Importance.LOW,
                        ATTACH_MAX_BYTES_DOC,
                        MESSAGE_GROUP,
                        ++order,
                        Width.SHORT,
                        "Attachment limit");
        DeliveriesConfig.define(def, DELIVERIES_DOCS);
        S3.define(def);
        return RegistryConfig.define(def);
    }

    /** A fluent builder of connector properties, for tests and tools. */
    public static Setter setter(final Map<String, String> props) {
        return new Setter(props);
    }

    public String host() {
        return getString(HOST_CONFIG);
    }

    public int port() {
        return getInt(PORT_CONFIG);
    }

    public Security security() {
        return security;
    }

    public String sslTrust() {
        return getString(SSL_TRUST_CONFIG);
    }

    public boolean checkServerIdentity() {
        return getBoolean(SSL_CHECK_IDENTITY_CONFIG);
    }

    /** The user name for SMTP AUTH, if any. */
    public Optional<String> username() {
        final String user = getString(USERNAME_CONFIG);
        return user.isBlank() ? Optional.empty() : Optional.of(user);
    }

    public String password() {
        final Password password = getPassword(PASSWORD_CONFIG);
        return password == null ? "" : password.value();
    }

    public int connectionTimeoutMs() {
        return getInt(CONNECTION_TIMEOUT_MS_CONFIG);
    }

    public int timeoutMs() {
        return getInt(TIMEOUT_MS_CONFIG);
    }

    public String fromDefault() {
        return getString(FROM_DEFAULT_CONFIG);
    }

    /** The sender of HIGH and URGENT notices. */
    public String fromUrgent() {
        final String urgent = getString(FROM_URGENT_CONFIG);
        return urgent.isBlank() ? fromDefault() : urgent;
    }

    public Optional<String> replyTo() {
        final String replyTo = getString(REPLY_TO_CONFIG);
        return replyTo.isBlank() ? Optional.empty() : Optional.of(replyTo);
    }

    /** The Message-ID domain: configured, or that of {@link #fromDefault()}. */
    public String messageIdDomain() {
        final String domain = getString(MESSAGE_ID_DOMAIN_CONFIG);
        if (!domain.isBlank()) {
            return domain.trim();
        }
        final String from = fromDefault();
        final int at = from.lastIndexOf('@');
        final String rest = at < 0 ? "mailroute.invalid" : from.substring(at + 1);
        return rest.replaceAll("[>\\s].*$", "");
    }

    public Optional<Path> templatesDir() {
        final String dir = getString(TEMPLATES_DIR_CONFIG);
        return dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
    }

    public String defaultLocale() {
        return getString(DEFAULT_LOCALE_CONFIG);
    }

    public boolean attachOriginal() {
        return getBoolean(ATTACH_ORIGINAL_CONFIG);
    }

    public long attachMaxBytes() {
        return getLong(ATTACH_MAX_BYTES_CONFIG);
    }

    /** The retry and deliveries keys. */
    public DeliveriesConfig deliveries() {
        return new DeliveriesConfig(this);
    }

    /** Where the original mails are, and as whom. */
    public S3Settings s3() {
        return S3.settings(this);
    }

    /** How the connection to the SMTP server is secured. */
    public enum Security {
        /** Plain SMTP, upgraded with STARTTLS; fails when the server does not offer it. */
        STARTTLS,
        /** SMTP over TLS from the first byte. */
        SMTPS,
        /** Plain SMTP: only for a relay on localhost or a test server. */
        NONE
    }

    /** Accepts one RFC 822 address (with an optional display name), or the empty string when {@code optional}. */
    static final class AddressValidator implements ConfigDef.Validator {
        private final boolean optional;

        AddressValidator(final boolean optional) {
            this.optional = optional;
        }

        @Override
        public void ensureValid(final String name, final Object value) {
            final String text = value == null ? "" : value.toString().trim();
            if (text.isEmpty()) {
                if (optional) {
                    return;
                }
                throw new ConfigException(name, value, "an address is required");
            }
            try {
                new InternetAddress(text, true);
            } catch (AddressException e) {
                throw new ConfigException(name, value, "is not a mail address: " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return optional ? "empty or a mail address" : "a mail address";
        }
    }

    /** Builds connector properties fluently: {@code SmtpSinkConfig.setter(props).smtp("localhost", 2525)}. */
    public static final class Setter extends DeliveringSinkSetter<Setter> {
        private Setter(final Map<String, String> props) {
            super(props);
        }

        public Setter smtp(final String host, final int port) {
            return set(HOST_CONFIG, host).set(PORT_CONFIG, port);
        }

        public Setter security(final Security security) {
            return set(SECURITY_CONFIG, security.name().toLowerCase(Locale.ROOT));
        }

        public Setter trust(final String hosts) {
            return set(SSL_TRUST_CONFIG, hosts);
        }

        public Setter auth(final String username, final String password) {
            return set(USERNAME_CONFIG, username).set(PASSWORD_CONFIG, password);
        }

        public Setter from(final String defaultSender, final String urgentSender) {
            return set(FROM_DEFAULT_CONFIG, defaultSender).set(FROM_URGENT_CONFIG, urgentSender);
        }

        public Setter templatesDir(final Path dir) {
            return set(TEMPLATES_DIR_CONFIG, dir.toString());
        }

        public Setter attachOriginal(final boolean attach) {
            return set(ATTACH_ORIGINAL_CONFIG, attach);
        }

        /** Endpoint override with path-style access, as MinIO and S3Proxy need. */
        public Setter s3Endpoint(final String url) {
            S3.setter(props()).endpoint(url);
            return this;
        }

        public Setter s3Credentials(final String accessKeyId, final String secretAccessKey) {
            S3.setter(props()).credentials(accessKeyId, secretAccessKey);
            return this;
        }
    }
}
