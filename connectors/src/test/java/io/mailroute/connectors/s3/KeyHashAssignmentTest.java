package io.mailroute.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyHashAssignmentTest {
    private static final List<String> SES_KEYS = IntStream.range(0, 3_000)
            .mapToObj(i -> "incoming/"
                    + UUID.nameUUIDFromBytes(("mail-" + i).getBytes(StandardCharsets.UTF_8))
                            .toString()
                            .replace("-", ""))
            .toList();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8})
    void shouldGiveEveryKeyExactlyOneOwner(final int tasks) {
        for (final String key : SES_KEYS) {
            final long owners = IntStream.range(0, tasks)
                    .filter(t -> new KeyHashAssignment(t, tasks).owns(key))
                    .count();
            assertThat(owners).as("owners of %s among %d tasks", key, tasks).isEqualTo(1);
        }
    }

    @Test
    void shouldSpreadRandomKeysEvenly() {
        final int tasks = 3;
        final Map<Integer, Integer> perTask = new HashMap<>();
        for (final String key : SES_KEYS) {
            for (int t = 0; t < tasks; t++) {
                if (new KeyHashAssignment(t, tasks).owns(key)) {
                    perTask.merge(t, 1, Integer::sum);
                }
            }
        }
        assertThat(perTask.values()).allSatisfy(n -> assertThat(n).isBetween(900, 1_100));
    }

    @Test
    void shouldDependOnlyOnKeyAndTaskCount() {
        final String key = "incoming/0a1b2c3d4e5f";
        assertThat(new KeyHashAssignment(1, 4).owns(key)).isEqualTo(new KeyHashAssignment(1, 4).owns(key));
        assertThat(IntStream.range(0, 4)
                        .filter(t -> new KeyHashAssignment(t, 4).owns(key))
                        .boxed()
                        .toList())
                .hasSize(1);
    }

    @Test
    void shouldRoundTripThroughTheTaskConfig() {
        final Map<String, String> config = KeyHashAssignment.taskConfig(Map.of("s3.bucket", "mails"), 2, 3);

        assertThat(config).containsEntry("s3.bucket", "mails");
        assertThat(KeyHashAssignment.fromTaskConfig(config)).isEqualTo(new KeyHashAssignment(2, 3));
    }

    @Test
    void shouldRejectATaskConfigWithoutAssignment() {
        assertThatThrownBy(() -> KeyHashAssignment.fromTaskConfig(Map.of("s3.bucket", "mails")))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("task.id")
                .hasMessageContaining("task.count");
        assertThatThrownBy(() -> KeyHashAssignment.fromTaskConfig(Map.of("task.id", "3", "task.count", "3")))
                .isInstanceOf(ConnectException.class);
    }
}
