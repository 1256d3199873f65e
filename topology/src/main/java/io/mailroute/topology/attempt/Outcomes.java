package io.mailroute.topology.attempt;

import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.Outcome;
import io.mailroute.avro.OwnerOutcome;
import io.mailroute.avro.RetryMail;
import io.mailroute.avro.RetryReason;
import io.mailroute.avro.Stage;
import io.mailroute.topology.config.RetryPolicy;
import io.mailroute.topology.parse.ParsedMail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the retry, dead-letter and status records of a mail attempt, so that every stage words
 * them alike (the dead letters themselves through {@link DeadLetters}, as the exception handlers'
 * are). Retries that used up {@link RetryPolicy#maxAttempts()} become dead letters here.
 */
public final class Outcomes {
    /** Prefix of account ids in {@link RetryMail#getWaitingFor()}; the other entries are normalized addresses. */
    public static final String ACCOUNT_PREFIX = "account:";
    /** Longest message kept in a dead letter, retry error or status detail. */
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
    public MailDecision deadLetter(
            final MailAttempt attempt,
            final Stage stage,
            final String errorClass,
            final String message,
            final ParsedMail mail,
            final String rulesVersion,
            final long now) {
        final DeadLetter letter = DeadLetters.of(attempt, stage, errorClass, message, now);
        final OwnerOutcome owner = ownerOutcome(Outcome.DEAD_LETTERED, null, errorClass + ": " + letter.getMessage());
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
    public MailDecision retry(
            final MailAttempt attempt,
            final RetryReason reason,
            final List<String> waitingFor,
            final String error,
            final String ruleId,
            final ParsedMail mail,
            final String rulesVersion,
            final long now,
            final List<Routed> extra) {
        final Stage stage = stageOf(reason);
        final int number = attempt.number();
        final List<Routed> routes = new ArrayList<>(extra);
        if (policy.exhausted(number)) {
            final MailDecision dead = deadLetter(
                    attempt,
                    stage,
                    "mailroute:" + reason.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    error + "; gave up after " + number + " attempts",
                    mail,
                    rulesVersion,
                    now);
            routes.addAll(dead.routes());
            return new MailDecision(routes);
        }
        final long firstAttemptAt = attempt.previous() == null
                ? now
                : attempt.previous().getFirstAttemptAt().toEpochMilli();
        final RetryMail retry = RetryMail.newBuilder()
                .setMailId(attempt.mailId())
                .setReason(reason)
                .setAttempt(number)
                .setMaxAttempts(policy.maxAttempts())
                .setFirstAttemptAt(Instant.ofEpochMilli(firstAttemptAt))
                .setNextAttemptAt(Instant.ofEpochMilli(policy.nextAttemptAt(number, now)))
                .setWaitingFor(List.copyOf(waitingFor))
                .setOwnerId(null)
                .setLastError(clip(error))
                .setRulesVersion(rulesVersion)
                .setMail(attempt.mail())
                .setRaw(attempt.ref())
                .build();
        final OwnerOutcome owner = ownerOutcome(Outcome.RETRY_PENDING, ruleId, reason + ": " + clip(error));
        routes.add(new Routed.ToRetry(attempt.mailId(), retry));
        routes.add(status(attempt, stage, List.of(owner), mail, rulesVersion, now));
        return new MailDecision(routes);
    }

    /** The status record of an attempt; its outcome is the worst of the owners'. */
    public Routed.ToStatus status(
            final MailAttempt attempt,
            final Stage stage,
            final List<OwnerOutcome> owners,
            final ParsedMail mail,
            final String rulesVersion,
            final long now) {
        Outcome worst = Outcome.IN_PROGRESS;
        for (final OwnerOutcome owner : owners) {
            if (severity(owner.getOutcome()) > severity(worst)) {
                worst = owner.getOutcome();
            }
        }
        final MailStatus status = MailStatus.newBuilder()
                .setMailId(attempt.mailId())
                .setStage(stage)
                .setOutcome(worst)
                .setOwners(List.copyOf(owners))
                .setRulesVersion(rulesVersion)
                .setSubject(mail == null ? null : mail.subject())
                .setFrom(
                        mail == null || mail.from() == null ? null : mail.from().getAddress())
                .setAttempt(attempt.number())
                .setReceivedAt(attempt.mail().getReceivedAt())
                .setUpdatedAt(Instant.ofEpochMilli(now))
                .setRaw(attempt.ref())
                .build();
        return new Routed.ToStatus(attempt.mailId(), status);
    }

    /** The outcome of an attempt that reached no owner. */
    private static OwnerOutcome ownerOutcome(final Outcome outcome, final String ruleId, final String detail) {
        return OwnerOutcome.newBuilder()
                .setOwnerId(null)
                .setOutcome(outcome)
                .setLanes(List.of())
                .setRuleId(ruleId)
                .setCategory(null)
                .setDetail(detail)
                .build();
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
