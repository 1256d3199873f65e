package io.mailroute.cli.suppressions;

import io.mailroute.avro.Suppression;
import io.mailroute.cli.replay.OffsetTarget;
import io.mailroute.runtime.command.CommandFailure;
import io.mailroute.runtime.command.ExitCodes;
import java.time.Instant;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/** Which suppressions {@code mailroute suppressions list} and {@code export} take. */
public final class SuppressionFilter {
    @Option(
            names = "--reason",
            paramLabel = "REASON",
            description = "Only this Sisimai reason (userunknown, hostunknown, mailboxfull, ...).")
    String reason;

    @Option(names = "--hard", description = "Only suppressions by a hard bounce (not promoted from soft ones).")
    boolean hardOnly;

    @Option(
            names = "--since",
            paramLabel = "DATETIME",
            description = "Only addresses that last bounced at or after this ISO 8601 time (2026-11-23T08:00:00Z).")
    String since;

    /** The suppressions the options select; a malformed {@code --since} is a command-line error. */
    public Predicate<Suppression> predicate() {
        final Instant from = sinceTime();
        return suppression -> (reason == null || suppression.getReason().equalsIgnoreCase(reason.strip()))
                && (!hardOnly || suppression.getHardBounce())
                && (from == null || !suppression.getLastSeen().isBefore(from));
    }

    private Instant sinceTime() {
        if (since == null) {
            return null;
        }
        try {
            return OffsetTarget.at(since.strip()).time();
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, "--since: " + e.getMessage(), e);
        }
    }
}
