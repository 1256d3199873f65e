package io.mailroute.cli.local;

import io.mailroute.avro.Lane;
import io.mailroute.avro.MailStatus;
import io.mailroute.runtime.status.Outbox;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The notices of the demo mails that the SMTP capture server took, as delivered mail. */
public final class DemoNotices {
    private DemoNotices() {}

    /**
     * Waits until the outbox holds a notice for every demo mail that reached the notify lane.
     *
     * @param statuses the final status of each demo mail, by mail id
     * @return the notices of the demo mails in the outbox
     * @throws IllegalStateException when a notice is missing after {@code timeout}
     */
    public static long await(final Outbox outbox, final Map<String, MailStatus> statuses, final Duration timeout)
            throws InterruptedException {
        final Set<String> notified = statuses.entrySet().stream()
                .filter(status -> status.getValue().getOwners().stream()
                        .anyMatch(owner -> owner.getLanes().contains(Lane.NOTIFY)))
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
        Polling.await(
                "a captured notice of each of the " + notified.size() + " demo mails in the notify lane",
                timeout,
                () -> captured(outbox, statuses.keySet()).keySet().containsAll(notified));
        return captured(outbox, statuses.keySet()).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    /** Captured notices per demo mail id. */
    private static Map<String, Long> captured(final Outbox outbox, final Set<String> mailIds) {
        return outbox.mails().stream()
                .filter(mail -> mail.mailId() != null && mailIds.contains(mail.mailId()))
                .collect(Collectors.groupingBy(Outbox.CapturedMail::mailId, Collectors.counting()));
    }
}
