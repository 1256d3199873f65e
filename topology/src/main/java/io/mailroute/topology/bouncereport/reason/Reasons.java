package io.mailroute.topology.bouncereport.reason;

import java.util.List;

/** The reasons a diagnostic message can say, in the order Sisimai tries them. */
public final class Reasons {
    /**
     * The precedence for reading a reason from a diagnostic message, after the order of
     * Sisimai's {@code Reason.match}: the first reason whose words occur wins.
     */
    public static final List<Reason> BY_MESSAGE = List.of(
            new MailboxFull(),
            new EmailTooLarge(),
            new Suspend(),
            new HasMoved(),
            new NoRelaying(),
            new AuthFailure(),
            new UserUnknown(),
            new Filtered(),
            new RequirePtr(),
            new NotCompliantRfc(),
            new ContentError(),
            new BadReputation(),
            new Rejected(),
            new HostUnknown(),
            new SpamDetected(),
            new VirusDetected(),
            new RateLimited(),
            new Blocked(),
            new PolicyViolation(),
            new SecurityError(),
            new SystemError(),
            new NetworkError(),
            new Expired(),
            new SystemFull(),
            new NotAccept(),
            new MailerError());

    /** An out-of-office reply, read only when no failure reason is said. */
    public static final Reason VACATION = new Vacation();

    private Reasons() {}

    /** The first reason the lower-case, whitespace-collapsed text says, in Sisimai's order; null when none. */
    public static Reason saidBy(final String text) {
        for (final Reason reason : BY_MESSAGE) {
            if (reason.saidBy(text)) {
                return reason;
            }
        }
        return null;
    }
}
