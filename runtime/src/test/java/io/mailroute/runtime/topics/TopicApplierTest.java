package io.mailroute.runtime.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.schemas.topics.MailTopic;
import io.mailroute.schemas.topics.TopicNames;
import io.mailroute.schemas.topics.TopicSpec;
import java.util.List;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicApplierTest {

    @Test
    void shouldSetMinInsyncReplicasOnEveryTopicWithTheReplicationFactor() {
        final List<TopicSpec> specs = TopicApplier.specs(TopicNames.defaults(), 6, (short) 3, 2);

        assertThat(specs).hasSize(MailTopic.values().length).allSatisfy(spec -> {
            assertThat(spec.replicationFactor()).isEqualTo((short) 3);
            assertThat(spec.partitions()).isEqualTo(6);
            assertThat(spec.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
            assertThat(spec.toNewTopic().configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        });
    }

    @Test
    void shouldLeaveMinInsyncReplicasToTheBrokerByDefault() {
        final List<TopicSpec> specs = TopicApplier.specs(TopicNames.defaults(), 3, (short) -1);

        assertThat(specs)
                .allSatisfy(
                        spec -> assertThat(spec.configs()).doesNotContainKey(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG));
    }

    @Test
    void shouldAcceptMinInsyncReplicasWithTheBrokersDefaultReplicationFactor() {
        assertThat(TopicApplier.specs(TopicNames.defaults(), 3, (short) -1, 2))
                .allSatisfy(
                        spec -> assertThat(spec.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2"));
    }

    @Test
    void shouldRefuseMoreInsyncReplicasThanReplicas() {
        assertThatThrownBy(() -> TopicApplier.specs(TopicNames.defaults(), 3, (short) 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("min.insync.replicas 3 exceeds the replication factor 2: no write with acks=all could ever"
                        + " succeed");
    }

    @Test
    void shouldRefuseCountsBelowOne() {
        assertThatThrownBy(() -> TopicApplier.specs(TopicNames.defaults(), 3, (short) 0, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replication factor must be at least 1");
        assertThatThrownBy(() -> TopicApplier.specs(TopicNames.defaults(), 3, (short) 3, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min.insync.replicas must be at least 1");
    }
}
