package io.mailroute.embedded;

import java.util.List;

/**
 * The state of a connector and its tasks as {@code GET /connectors/{name}/status} reports it.
 *
 * @param name     connector name
 * @param state    connector state: UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED, RESTARTING
 * @param workerId the worker running the connector
 * @param trace    the failure's stack trace, or null
 * @param type     {@code source} or {@code sink}, or null when not known yet
 * @param tasks    the task states, ordered by task id
 */
public record ConnectorStatus(
        String name, String state, String workerId, String trace, String type, List<TaskStatus> tasks) {
    /** The state a running connector or task reports. */
    public static final String RUNNING = "RUNNING";
    /** The state a failed connector or task reports. */
    public static final String FAILED = "FAILED";
    /** The state a paused connector or task reports. */
    public static final String PAUSED = "PAUSED";

    /** Compact constructor: {@code tasks} is copied. */
    public ConnectorStatus {
        tasks = List.copyOf(tasks);
    }

    /** True if the connector and exactly {@code taskCount} tasks are RUNNING. */
    public boolean isRunning(final int taskCount) {
        return RUNNING.equals(state)
                && tasks.size() == taskCount
                && tasks.stream().allMatch(task -> RUNNING.equals(task.state()));
    }

    /** True if the connector or any of its tasks FAILED. */
    public boolean hasFailure() {
        return FAILED.equals(state) || tasks.stream().anyMatch(task -> FAILED.equals(task.state()));
    }

    /**
     * The state of one task.
     *
     * @param id       task number
     * @param state    task state
     * @param workerId the worker running the task
     * @param trace    the failure's stack trace, or null
     */
    public record TaskStatus(int id, String state, String workerId, String trace) {}
}
