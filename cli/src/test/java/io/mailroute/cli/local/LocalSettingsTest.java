package io.mailroute.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.runtime.client.LocalDefaults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSettingsTest {
    @TempDir
    Path dir;

    @Test
    void shouldUseTheComposePortsByDefault() {
        final LocalSettings settings = LocalSettings.defaults(dir);

        assertThat(settings.kafkaPort()).isEqualTo(LocalDefaults.KAFKA_PORT).isEqualTo(9092);
        assertThat(settings.controllerPort()).isEqualTo(9093);
        assertThat(settings.registryPort()).isEqualTo(8081);
        assertThat(settings.s3Port()).isEqualTo(9000);
        assertThat(settings.connectPort()).isEqualTo(8083);
        assertThat(settings.organizationsConfig()).isEmpty();
    }

    @Test
    void shouldKeepEveryServiceBelowTheDataDir() {
        final LocalSettings settings = LocalSettings.defaults(dir);

        assertThat(settings.kafkaDir()).hasParentRaw(dir);
        assertThat(settings.registryJournal().getParent()).hasParentRaw(dir);
        assertThat(settings.s3Dir()).hasParentRaw(dir);
        assertThat(settings.streamsDir()).hasParentRaw(dir);
    }

    @Test
    void shouldAllowSeveralFreePorts() {
        final LocalSettings settings = LocalSettings.defaults(dir).withFreePorts();

        assertThat(settings.kafkaPort()).isZero();
        assertThat(settings.connectPort()).isZero();
    }

    @Test
    void shouldRejectOnePortForTwoServices() {
        assertThatThrownBy(() -> new LocalSettings(dir, "127.0.0.1", 9092, 9093, 8081, 9092, 8083, 3, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("s3 port 9092 is the kafka port already");
    }

    @Test
    void shouldRejectPortsOutOfRange() {
        assertThatThrownBy(() -> new LocalSettings(dir, "127.0.0.1", 70_000, 9093, 8081, 9000, 8083, 3, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kafka port 70000 is not in 0..65535");
    }

    @Test
    void shouldRejectZeroPartitions() {
        assertThatThrownBy(() -> LocalSettings.defaults(dir).withPartitions(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partitions");
    }

    @Test
    void shouldGiveFreePortsTheirPortsOfTheLastStart() throws IOException {
        // given
        RememberedPorts.save(dir, 40001, 40002, 40003, 40004, 40005);
        final LocalSettings asked = new LocalSettings(dir, "127.0.0.1", 0, 0, 0, 9100, 0, 3, Optional.empty());

        // when
        final LocalSettings resolved = RememberedPorts.apply(asked);

        // then
        assertThat(resolved.kafkaPort()).isEqualTo(40001);
        assertThat(resolved.controllerPort()).isEqualTo(40002);
        assertThat(resolved.registryPort()).isEqualTo(40003);
        assertThat(resolved.s3Port()).isEqualTo(9100); // asked for explicitly
        assertThat(resolved.connectPort()).isEqualTo(40005);
    }

    @Test
    void shouldLeaveFreePortsFreeOnTheFirstStart() throws IOException {
        final LocalSettings asked = LocalSettings.defaults(dir).withFreePorts();

        assertThat(RememberedPorts.apply(asked)).isEqualTo(asked);
    }
}
