package io.mailroute.topology.bouncereport.reason;

import java.util.List;
import java.util.Set;

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

    /**
     * The reasons Sisimai examines again when an MTA reader has named one (its {@code retry} set):
     * vague enough that the diagnostic, when it says a reason, says better.
     */
    private static final Set<String> REEXAMINED = Set.of(
            "undefined",
            "onhold",
            "systemerror",
            "securityerror",
            "expired",
            "networkerror",
            "hostunknown",
            "userunknown");

    /**
     * Sisimai's first order of probing (its {@code classOrder[0]}), in which a reason an MTA reader
     * named is probed too: a reason probed earlier that the diagnostic says wins over it.
     */
    private static final List<String> PROBE_ORDER = List.of(
            "mailboxfull",
            "emailtoolarge",
            "suspend",
            "hasmoved",
            "norelaying",
            "authfailure",
            "userunknown",
            "filtered",
            "requireptr",
            "notcompliantrfc",
            "badreputation",
            "contenterror",
            "rejected",
            "hostunknown",
            "spamdetected",
            "ratelimited",
            "blocked");

    private Reasons() {}

    /**
     * True when {@code said} is probed before {@code other} in Sisimai's first order: a reason out of
     * that order is never probed before another, and every reason in it is probed before one out of it.
     */
    public static boolean probedBefore(final String said, final String other) {
        final int saidAt = PROBE_ORDER.indexOf(said);
        final int otherAt = PROBE_ORDER.indexOf(other);
        return saidAt >= 0 && (otherAt < 0 || saidAt < otherAt);
    }

    /** True when a reason an MTA reader named is examined again against what the diagnostic says. */
    public static boolean reexamined(final String name) {
        return REEXAMINED.contains(name);
    }

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
