package io.mailroute.topology.pipeline;

import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.Outcome;
import io.mailroute.avro.OwnerOutcome;
import io.mailroute.avro.RetryMail;
import io.mailroute.avro.RetryReason;
import io.mailroute.avro.Stage;
import io.mailroute.topology.parse.ParsedMail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the retry, dead-letter and status records of a mail attempt, so that every stage words
 * them alike. Retries that used up {@link RetryPolicy#maxAttempts()} become dead letters here.
 */
public final class Outcomes {
    /** Longest message kept in a dead letter or status detail. */
    static final int MAX_MESSAGE = 1_000;

    private final RetryPolicy policy;

    public Outcomes(final RetryPolicy policy) {
        this.policy = policy;
    }

    /**
     * The attempt failed for good at {@code stage}.
     *
     * @param mail         the parsed mail, or null when parsing did not get that far
     * @param rulesVersion the rule set version in use, or null
     */
    public MailDecision deadLetter(final MailAttempt attempt, final Stage stage, final String errorClass, final String message,
                                   final ParsedMail mail, final String rulesVersion, final long now) {
        final String text = clip(message);
        final DeadLetter letter = new DeadLetter(attempt.mailId(), stage, errorClass, text, attempt.number(), null, attempt.ref(),
                attempt.ref().getTopic(), attempt.ref().getPartition(), attempt.ref().getOffset(), Instant.ofEpochMilli(now));
        final OwnerOutcome owner = new OwnerOutcome(null, Outcome.DEAD_LETTERED, List.of(), null, null, errorClass + ": " + text);
        return new MailDecision(List.of(
                new Routed.ToDeadLetter(attempt.mailId(), letter),
                status(attempt, stage, List.of(owner), mail, rulesVersion, now)));
    }

    /**
     * The attempt must be repeated later: a retry record, or a dead letter when this was the last
     * allowed attempt.
     *
     * @param waitingFor what releases the mail early (normalized addresses, {@code account:<id>} or a pattern key)
     * @param ruleId     the rule that matched, when one did
     * @param extra      further records of this attempt (a new-pattern sighting)
     */
    public MailDecision retry(final MailAttempt attempt, final RetryReason reason, final List<String> waitingFor, final String error,
                              final String ruleId, final ParsedMail mail, final String rulesVersion, final long now,
                              final List<Routed> extra) {
        final Stage stage = stageOf(reason);
        final int number = attempt.number();
        final List<Routed> routes = new ArrayList<>(extra);
        if (policy.exhausted(number)) {
            final MailDecision dead = deadLetter(attempt, stage, "mailroute:" + reason.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    error + "; gave up after " + number + " attempts", mail, rulesVersion, now);
            routes.addAll(dead.routes());
            return new MailDecision(routes);
        }
        final long firstAttemptAt = attempt.previous() == null ? now : attempt.previous().getFirstAttemptAt().toEpochMilli();
        final RetryMail retry = new RetryMail(attempt.mailId(), reason, number, policy.maxAttempts(), Instant.ofEpochMilli(firstAttemptAt),
                Instant.ofEpochMilli(policy.nextAttemptAt(number, now)), List.copyOf(waitingFor), null, clip(error), rulesVersion,
                attempt.mail(), attempt.ref());
        final OwnerOutcome owner = new OwnerOutcome(null, Outcome.RETRY_PENDING, List.of(), ruleId, null, reason + ": " + clip(error));
        routes.add(new Routed.ToRetry(attempt.mailId(), retry));
        routes.add(status(attempt, stage, List.of(owner), mail, rulesVersion, now));
        return new MailDecision(routes);
    }

    /** The status record of an attempt; its outcome is the worst of the owners'. */
    public Routed.ToStatus status(final MailAttempt attempt, final Stage stage, final List<OwnerOutcome> owners, final ParsedMail mail,
                                  final String rulesVersion, final long now) {
        Outcome worst = Outcome.IN_PROGRESS;
        for (final OwnerOutcome owner : owners) {
            if (severity(owner.getOutcome()) > severity(worst)) {
                worst = owner.getOutcome();
            }
        }
        final MailStatus status = new MailStatus(attempt.mailId(), stage, worst, List.copyOf(owners), rulesVersion,
                mail == null ? null : mail.subject(), mail == null || mail.from() == null ? null : mail.from().getAddress(),
                attempt.number(), attempt.mail().getReceivedAt(), Instant.ofEpochMilli(now), attempt.ref());
        return new Routed.ToStatus(attempt.mailId(), status);
    }

    static Stage stageOf(final RetryReason reason) {
        return switch (reason) {
            case ACCOUNT_UNKNOWN -> Stage.OWNER_LOOKUP;
            case UNCLASSIFIED -> Stage.CLASSIFY;
            case TRANSIENT -> Stage.FETCH;
        };
    }

    private static int severity(final Outcome outcome) {
        return switch (outcome) {
            case IN_PROGRESS, DUPLICATE -> 0;
            case RECORDED -> 1;
            case ROUTED -> 2;
            case QUARANTINED -> 3;
            case RETRY_PENDING -> 4;
            case DEAD_LETTERED -> 5;
        };
    }

    static String clip(final String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
    }
}
