package io.mailroute.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Running and failure checks of {@link ConnectorStatus}. */
class ConnectorStatusTest {
    private static final ConnectorStatus.TaskStatus RUNNING_TASK =
            new ConnectorStatus.TaskStatus(0, "RUNNING", "w:1", null);

    @Test
    void runningNeedsConnectorAndEveryExpectedTaskRunning() {
        final ConnectorStatus status =
                new ConnectorStatus("c", "RUNNING", "w:1", null, "source", List.of(RUNNING_TASK));
        assertThat(status.isRunning(1)).isTrue();
        assertThat(status.isRunning(2)).isFalse();
        assertThat(status.hasFailure()).isFalse();
        assertThat(new ConnectorStatus("c", "UNASSIGNED", null, null, null, List.of(RUNNING_TASK)).isRunning(1))
                .isFalse();
    }

    @Test
    void aFailedTaskIsAFailure() {
        final ConnectorStatus status = new ConnectorStatus(
                "c",
                "RUNNING",
                "w:1",
                null,
                "source",
                List.of(RUNNING_TASK, new ConnectorStatus.TaskStatus(1, "FAILED", "w:1", "trace")));
        assertThat(status.isRunning(2)).isFalse();
        assertThat(status.hasFailure()).isTrue();
    }
}
