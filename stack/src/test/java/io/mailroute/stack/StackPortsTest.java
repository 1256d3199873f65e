package io.mailroute.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.runtime.client.LocalDefaults;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackPortsTest {
    @TempDir
    Path dir;

    @Test
    void shouldListenOnTheComposePortsInLocalMode() {
        final StackPorts ports = StackPorts.LOCAL;

        assertThat(ports.kafka()).isEqualTo(LocalDefaults.KAFKA_PORT).isEqualTo(9092);
        assertThat(ports.controller()).isEqualTo(9093);
        assertThat(ports.registry()).isEqualTo(8081);
        assertThat(ports.s3()).isEqualTo(9000);
        assertThat(ports.connect()).isEqualTo(8083);
        assertThat(ports.smtp()).isEqualTo(2525);
    }

    @Test
    void shouldKeepEveryServiceBelowTheDataDir() {
        final DataDir dataDir = new DataDir(dir);

        assertThat(dataDir.kafka()).hasParentRaw(dir);
        assertThat(dataDir.registryJournal().getParent()).hasParentRaw(dir);
        assertThat(dataDir.s3()).hasParentRaw(dir);
        assertThat(dataDir.streams()).hasParentRaw(dir);
        assertThat(dataDir.connectEndpoints()).startsWithRaw(dir.toAbsolutePath());
    }

    @Test
    void shouldAllowSeveralFreePorts() {
        assertThat(StackPorts.FREE.kafka()).isZero();
        assertThat(StackPorts.FREE.connect()).isZero();
    }

    @Test
    void shouldRejectOnePortForTwoServices() {
        assertThatThrownBy(() -> new StackPorts(9092, 9093, 8081, 9092, 8083, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("s3 port 9092 is the kafka port already");
    }

    @Test
    void shouldRejectPortsOutOfRange() {
        assertThatThrownBy(() -> new StackPorts(70_000, 9093, 8081, 9000, 8083, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kafka port 70000 is not in 0..65535");
    }

    @Test
    void shouldRejectZeroPartitions() {
        assertThatThrownBy(() -> MailrouteStack.builder().partitions(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partitions");
    }

    @Test
    void shouldGiveFreePortsTheirPortsOfTheLastStart() throws IOException {
        // given
        RememberedPorts.save(dir, new StackPorts(40001, 40002, 40003, 40004, 40005, 40006, 40007));

        // when
        final StackPorts resolved = RememberedPorts.apply(dir, new StackPorts(0, 0, 0, 9100, 0, 0, 0));

        // then
        assertThat(resolved.kafka()).isEqualTo(40001);
        assertThat(resolved.controller()).isEqualTo(40002);
        assertThat(resolved.registry()).isEqualTo(40003);
        assertThat(resolved.s3()).isEqualTo(9100); // asked for explicitly
        assertThat(resolved.connect()).isEqualTo(40005);
        assertThat(resolved.smtp()).isEqualTo(40006);
        assertThat(resolved.sqs()).isEqualTo(40007);
    }

    @Test
    void shouldLeaveFreePortsFreeOnTheFirstStart() throws IOException {
        assertThat(RememberedPorts.apply(dir, StackPorts.FREE)).isEqualTo(StackPorts.FREE);
    }

    @Test
    void shouldKeepThePortsOfServicesAnotherStackOnTheSameDataDirRuns() throws IOException {
        // given: one stack ran the broker, another runs S3 and the registry on the same data directory
        RememberedPorts.save(dir, new StackPorts(40001, 40002, 0, 0, 0, 0, 0));

        // when
        RememberedPorts.save(dir, new StackPorts(0, 0, 40003, 40004, 0, 0, 0));

        // then
        assertThat(RememberedPorts.apply(dir, StackPorts.FREE))
                .isEqualTo(new StackPorts(40001, 40002, 40003, 40004, 0, 0, 0));
    }

    @Test
    void shouldRefuseAPartThatLacksTheOneItNeeds() {
        assertThatThrownBy(() -> MailrouteStack.builder().kafka().app().start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the rules and the app need the schema registry");
        assertThatThrownBy(() -> MailrouteStack.builder().registry().topics().start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("topics, rules, Connect and the app need a broker");
    }
}
