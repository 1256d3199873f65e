package io.mailroute.topology.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.s3.S3Settings;
import io.mailroute.topology.MailStreamsConfig;
import io.mailroute.topology.parse.ParserSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class MailrouteConfigTest {

    @Test
    void shouldDocumentEveryKey() {
        for (final ConfigDef.ConfigKey key :
                MailrouteConfig.configDef().configKeys().values()) {
            assertThat(key.documentation).as("doc of %s", key.name).isNotBlank().endsWith(".");
            assertThat(key.group).as("group of %s", key.name).isNotBlank();
            assertThat(key.name).startsWith("mailroute.");
        }
    }

    @Test
    void shouldOverrideTheLimitsOfTheParserProfile() {
        // when
        final ParserSettings settings = new MailrouteConfig(Map.of(
                        MailrouteConfig.PARSER_PROFILE_CONFIG,
                        "strict",
                        MailrouteConfig.PARSER_MAX_BODY_BYTES_CONFIG,
                        "1000"))
                .parserSettings();

        // then
        assertThat(settings)
                .isEqualTo(ParserSettings.STRICT.toBuilder().maxBodyBytes(1000).build());
        assertThatThrownBy(() -> new MailrouteConfig(Map.of(MailrouteConfig.PARSER_PROFILE_CONFIG, "sloppy")))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void shouldTrustTheConfiguredReceivingServersAndRefuseToTrustNone() {
        // when
        final ParserSettings defaults = new MailrouteConfig(Map.of()).parserSettings();
        final ParserSettings own = new MailrouteConfig(Map.of(
                        MailrouteConfig.AUTH_TRUSTED_AUTHSERV_IDS_CONFIG,
                        "amazonses.com, MX.Example.NET",
                        MailrouteConfig.PARSER_MAX_BOUNCE_RECIPIENTS_CONFIG,
                        "20"))
                .parserSettings();

        // then
        assertThat(defaults.trustedAuthservIds()).containsExactly("amazonses.com");
        assertThat(defaults.maxBounceRecipients()).isEqualTo(100);
        assertThat(own.trustedAuthservIds()).containsExactlyInAnyOrder("amazonses.com", "mx.example.net");
        assertThat(own.maxBounceRecipients()).isEqualTo(20);
        assertThatThrownBy(() -> new MailrouteConfig(Map.of(MailrouteConfig.AUTH_TRUSTED_AUTHSERV_IDS_CONFIG, "")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(MailrouteConfig.AUTH_TRUSTED_AUTHSERV_IDS_CONFIG);
    }

    @Test
    void shouldNeverShowTheS3SecretKey() {
        // when
        final S3Settings s3 = new MailrouteConfig(Map.of(
                        "mailroute.s3.access.key.id",
                        "AKIA",
                        "mailroute.s3.secret.access.key",
                        "s3cr3t",
                        "mailroute.s3.endpoint",
                        "http://minio:9000"))
                .s3Settings();

        // then
        assertThat(s3.credentials().secretAccessKey()).isEqualTo("s3cr3t");
        assertThat(s3.toString()).doesNotContain("s3cr3t").contains("http://minio:9000");
    }

    @Test
    void shouldGiveTheClaimCheckFetchTheS3KeysUnderMailrouteWithItsOwnCallDefaults() {
        // when
        final S3Settings defaults = new MailrouteConfig(Map.of()).s3Settings();
        final ConfigDef def = MailrouteConfig.configDef();

        // then
        assertThat(def.names())
                .contains(
                        "mailroute.s3.endpoint",
                        "mailroute.s3.region",
                        "mailroute.s3.path.style.access",
                        "mailroute.s3.access.key.id",
                        "mailroute.s3.secret.access.key",
                        "mailroute.s3.max.attempts",
                        "mailroute.s3.api.call.timeout.ms");
        assertThat(defaults.endpoint()).isNull();
        assertThat(defaults.credentials()).isNull();
        assertThat(defaults.maxAttempts()).isEqualTo(3);
        assertThat(defaults.apiCallTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldEnforceExactlyOnceAndExplicitNamingWhateverTheSettingsSay() {
        // when
        final Properties props = MailStreamsConfig.properties(Map.of(
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                "at_least_once",
                StreamsConfig.APPLICATION_ID_CONFIG,
                "mine",
                "mailroute.topic.prefix",
                "t1."));

        // then
        assertThat(props)
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "mine")
                .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "t1.mail.dlq");
    }

    @Test
    void shouldGiveBounceDefaultsAndRefuseCriticalThresholdsBelowTheWarningOnes() {
        // when
        final BounceSettings defaults = new MailrouteConfig(Map.of()).bounceSettings();

        // then
        assertThat(defaults)
                .isEqualTo(new BounceSettings(
                        Duration.ofDays(3),
                        Duration.ofMinutes(1),
                        3,
                        Duration.ofDays(7),
                        Duration.ofDays(7),
                        Duration.ofHours(1),
                        0.05,
                        0.10,
                        20,
                        25,
                        100));
        assertThatThrownBy(() -> new MailrouteConfig(Map.of(
                                MailrouteConfig.BOUNCE_RATE_WARNING_CONFIG,
                                "0.2",
                                MailrouteConfig.BOUNCE_RATE_CRITICAL_CONFIG,
                                "0.1"))
                        .bounceSettings())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(MailrouteConfig.BOUNCE_RATE_CRITICAL_CONFIG);
        assertThatThrownBy(() -> new MailrouteConfig(Map.of(
                                MailrouteConfig.BOUNCE_COUNT_WARNING_CONFIG,
                                "50",
                                MailrouteConfig.BOUNCE_COUNT_CRITICAL_CONFIG,
                                "10"))
                        .bounceSettings())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(MailrouteConfig.BOUNCE_COUNT_CRITICAL_CONFIG);
    }
}
