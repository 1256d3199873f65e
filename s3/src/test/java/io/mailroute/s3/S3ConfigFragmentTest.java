package io.mailroute.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.s3.S3ConfigFragment.CallDefaults;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

class S3ConfigFragmentTest {
    private static final S3ConfigFragment TOPOLOGY =
            new S3ConfigFragment("mailroute.", new CallDefaults(3, Duration.ofSeconds(10)));
    private static final S3ConfigFragment CLIENT = new S3ConfigFragment("", new CallDefaults(3, null));

    @Test
    void shouldDefineEveryKeyUnderItsPrefixWithAGroupAndAOneLineDoc() {
        // when
        final ConfigDef def = TOPOLOGY.define(new ConfigDef());

        // then
        assertThat(def.names())
                .containsExactlyInAnyOrderElementsOf(S3ConfigFragment.KEYS.stream()
                        .map(key -> "mailroute." + key)
                        .toList());
        def.configKeys().values().forEach(key -> {
            assertThat(key.group).as(key.name).isEqualTo(S3ConfigFragment.GROUP);
            assertThat(key.documentation).as(key.name).isNotBlank().doesNotContain("\n");
            assertThat(key.displayName).as(key.name).isNotBlank();
        });
        assertThat(def.configKeys().get("mailroute.s3.secret.access.key").documentation)
                .contains("mailroute.s3.access.key.id");
        assertThat(def.configKeys().get("mailroute.s3.secret.access.key").type).isEqualTo(ConfigDef.Type.PASSWORD);
    }

    @Test
    void shouldReadBackWhatTheSetterWrote() {
        // given
        final Map<String, String> props = TOPOLOGY.setter(new HashMap<>())
                .endpoint("http://minio:9000")
                .region("eu-west-1")
                .credentials("AKIA", "s3cr3t")
                .sessionToken("t0ken")
                .maxAttempts(5)
                .apiCallTimeout(Duration.ofSeconds(30))
                .props();

        // when
        final S3Settings settings = TOPOLOGY.settings(props);

        // then
        assertThat(settings.endpoint()).isEqualTo(URI.create("http://minio:9000"));
        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.pathStyleAccess()).isTrue();
        assertThat(settings.credentials()).isInstanceOfSatisfying(AwsSessionCredentials.class, credentials -> {
            assertThat(credentials.accessKeyId()).isEqualTo("AKIA");
            assertThat(credentials.secretAccessKey()).isEqualTo("s3cr3t");
            assertThat(credentials.sessionToken()).isEqualTo("t0ken");
        });
        assertThat(settings.maxAttempts()).isEqualTo(5);
        assertThat(settings.apiCallTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.apiCallAttemptTimeout()).isNull();
    }

    @Test
    void shouldTakeEachUsersCallDefaultsAndTheDefaultChainWithoutKeys() {
        // when
        final S3Settings topology = TOPOLOGY.settings(Map.of());
        final S3Settings client = CLIENT.settings(Map.of());

        // then
        assertThat(topology.endpoint()).isNull();
        assertThat(topology.region()).isEqualTo(S3ConfigFragment.REGION_DEFAULT);
        assertThat(topology.pathStyleAccess()).isFalse();
        assertThat(topology.credentials()).isNull();
        assertThat(topology.maxAttempts()).isEqualTo(3);
        assertThat(topology.apiCallTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(client.apiCallTimeout()).isNull();
    }

    @Test
    void shouldRefuseAnAccessKeyIdWithoutItsSecret() {
        // given
        final Map<String, String> props = Map.of("mailroute.s3.access.key.id", "AKIA");

        // when / then
        assertThatThrownBy(() -> TOPOLOGY.settings(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mailroute.s3.secret.access.key")
                .hasMessageContaining("must be set together");
        final Map<String, ConfigValue> values = TOPOLOGY.define(new ConfigDef()).validate(props).stream()
                .collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        TOPOLOGY.validate(values);
        assertThat(values.get("mailroute.s3.secret.access.key").errorMessages())
                .singleElement()
                .asString()
                .contains("must be set together");
    }

    @Test
    void shouldRejectAnEndpointThatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> CLIENT.settings(Map.of("s3.endpoint", "localhost:9000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("s3.endpoint")
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> CLIENT.settings(Map.of("s3.api.call.timeout.ms", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("s3.api.call.timeout.ms");
    }

    @Test
    void shouldHandTheConnectionOnUnderAnotherPrefixButNotTheCallPolicy() {
        // given: what ops reads, handed to the topology
        final S3Settings ops = CLIENT.settings(CLIENT.setter(new HashMap<>())
                .endpoint("http://127.0.0.1:9000")
                .credentials("mailroute", "mailroute-local-secret")
                .maxAttempts(9)
                .props());

        // when
        final Map<String, String> handed = TOPOLOGY.connectionProperties(ops);
        final S3Settings topology = TOPOLOGY.settings(handed);

        // then
        assertThat(handed)
                .containsOnlyKeys(List.of(
                        "mailroute.s3.endpoint",
                        "mailroute.s3.region",
                        "mailroute.s3.path.style.access",
                        "mailroute.s3.access.key.id",
                        "mailroute.s3.secret.access.key"));
        assertThat(topology.endpoint()).isEqualTo(ops.endpoint());
        assertThat(topology.pathStyleAccess()).isTrue();
        assertThat(topology.credentials().secretAccessKey()).isEqualTo("mailroute-local-secret");
        assertThat(topology.maxAttempts()).isEqualTo(3); // the topology's own
    }

    @Test
    void shouldNeverShowTheSecretInTheSettings() {
        // when
        final S3Settings settings = CLIENT.settings(
                CLIENT.setter(new HashMap<>()).credentials("AKIA", "s3cr3t").props());

        // then
        assertThat(settings.toString())
                .doesNotContain("s3cr3t")
                .doesNotContain("AKIA")
                .contains("static");
    }
}
