package io.mailroute.runtime.command;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.TimeoutException;

/** Maps Kafka client failures to one-line command failures with a meaningful exit code. */
public final class KafkaErrors {
    private KafkaErrors() {}

    /** The failure of a Kafka call that failed with {@code e}: UNREACHABLE on a timeout, FAILURE otherwise. */
    public static CommandFailure toFailure(final String bootstrapServers, final ExecutionException e) {
        final Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof TimeoutException) {
            return new CommandFailure(
                    ExitCodes.UNREACHABLE,
                    "Kafka at " + bootstrapServers + " did not answer (" + cause.getMessage()
                            + "); is it running? (mailroute local, or --bootstrap-server)",
                    e);
        }
        return new CommandFailure(ExitCodes.FAILURE, cause.getMessage(), e);
    }
}
