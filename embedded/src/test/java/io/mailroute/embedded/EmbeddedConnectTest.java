package io.mailroute.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.junit.jupiter.api.Test;

/** Worker configuration of {@link EmbeddedConnect}, without starting a worker. */
class EmbeddedConnectTest {

    @Test
    void defaultsAreADistributedExactlyOnceWorkerForOneBroker() {
        final EmbeddedConnect connect =
                EmbeddedConnect.builder().bootstrapServers("127.0.0.1:9092").build();
        assertThat(connect.workerProperties())
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("group.id", EmbeddedConnect.DEFAULT_GROUP_ID)
                .containsEntry("config.storage.topic", "mailroute-connect-configs")
                .containsEntry("offset.storage.topic", "mailroute-connect-offsets")
                .containsEntry("status.storage.topic", "mailroute-connect-status")
                .containsEntry("config.storage.replication.factor", "1")
                .containsEntry("offset.storage.replication.factor", "1")
                .containsEntry("status.storage.replication.factor", "1")
                .containsEntry("exactly.once.source.support", "enabled")
                .containsEntry("plugin.discovery", "service_load")
                .containsEntry("key.converter", EmbeddedConnect.DEFAULT_KEY_CONVERTER)
                .containsEntry("value.converter", EmbeddedConnect.DEFAULT_VALUE_CONVERTER)
                .containsEntry("listeners", "http://127.0.0.1:0")
                .doesNotContainKey("plugin.path");
        assertThat(connect.isRunning()).isFalse();
        assertThatThrownBy(connect::restUrl).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void settingsAndExtraPropertiesApply() {
        final EmbeddedConnect connect = EmbeddedConnect.builder()
                .bootstrapServers("b:1")
                .groupId("g")
                .configTopic("c")
                .offsetTopic("o")
                .statusTopic("s")
                .restPort(8083)
                .pluginDiscovery("hybrid_warn")
                .pluginPath("/plugins")
                .keyConverter("K")
                .valueConverter("V")
                .exactlyOnce(false)
                .workerProperty("offset.flush.interval.ms", "1000")
                .build();
        assertThat(connect.workerProperties())
                .containsEntry("group.id", "g")
                .containsEntry("config.storage.topic", "c")
                .containsEntry("offset.storage.topic", "o")
                .containsEntry("status.storage.topic", "s")
                .containsEntry("listeners", "http://127.0.0.1:8083")
                .containsEntry("plugin.discovery", "hybrid_warn")
                .containsEntry("plugin.path", "/plugins")
                .containsEntry("key.converter", "K")
                .containsEntry("value.converter", "V")
                .containsEntry("exactly.once.source.support", "disabled")
                .containsEntry("offset.flush.interval.ms", "1000");
    }

    @Test
    void aHardenedWorkerLoadsTheHostFilterAndLimitsFilePlaceholdersToOneDirectory() {
        final EmbeddedConnect connect = EmbeddedConnect.builder()
                .bootstrapServers("b:1")
                .loopbackRestOnly()
                .fileConfigProvider(Path.of("/var/lib/mailroute/./data"))
                .build();
        assertThat(connect.workerProperties())
                .containsEntry("rest.extension.classes", LoopbackHostExtension.class.getName())
                .containsEntry("config.providers", "file")
                .containsEntry("config.providers.file.class", FileConfigProvider.class.getName())
                .containsEntry("config.providers.file.param.allowed.paths", "/var/lib/mailroute/data");
        assertThat(EmbeddedConnect.builder().bootstrapServers("b:1").build().workerProperties())
                .doesNotContainKeys("rest.extension.classes", "config.providers");
    }

    @Test
    void bootstrapServersAreRequired() {
        assertThatThrownBy(() -> EmbeddedConnect.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bootstrapServers");
    }
}
