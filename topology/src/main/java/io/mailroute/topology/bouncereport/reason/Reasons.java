package io.mailroute.topology.bouncereport.reason;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    /** Sisimai's names for no reason found, which are always examined again. */
    private static final Set<String> NONE_YET = Set.of("undefined", "onhold");
    /** A reason only a status code names (no words of its own), vague like {@link #NONE_YET}. */
    private static final String SYNTAX_ERROR = "syntaxerror";

    private static final Map<String, Reason> BY_NAME =
            BY_MESSAGE.stream().collect(Collectors.toUnmodifiableMap(Reason::name, Function.identity()));

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

    /**
     * True when {@code name} is a reason a table may give: one of {@link #BY_MESSAGE}, {@link #VACATION},
     * Sisimai's names for no reason yet, or the status-only {@code syntaxerror}.
     */
    public static boolean known(final String name) {
        return BY_NAME.containsKey(name)
                || VACATION.name().equals(name)
                || NONE_YET.contains(name)
                || SYNTAX_ERROR.equals(name);
    }

    /** True when a reason named by a status code or an MTA reader is examined again ({@link Reason#reexamined}). */
    public static boolean reexamined(final String name) {
        final Reason reason = BY_NAME.get(name);
        return NONE_YET.contains(name) || reason != null && reason.reexamined();
    }

    /** True when a status code naming the reason names it only vaguely ({@link Reason#vagueByStatus}). */
    public static boolean vagueByStatus(final String name) {
        final Reason reason = BY_NAME.get(name);
        return NONE_YET.contains(name) || SYNTAX_ERROR.equals(name) || reason != null && reason.vagueByStatus();
    }

    /** True when a status code naming the reason proves it ({@link Reason#provedByStatus}). */
    public static boolean provedByStatus(final String name) {
        final Reason reason = BY_NAME.get(name);
        return reason != null && reason.provedByStatus();
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
