package io.mailroute.topology.rules;

import io.mailroute.avro.Condition;
import io.mailroute.avro.MatchField;
import io.mailroute.topology.match.LinearPattern;
import java.util.List;
import java.util.Locale;

/**
 * A validated {@link Condition} with its patterns compiled and its values lower-cased once. CONTAINS
 * and patterns without {@code $} read the prefixes of the candidates ({@link MailView#prefixes});
 * EXACT, negated conditions and patterns with {@code $} read whole values.
 */
final class CompiledCondition {
    private final Condition condition;
    private final List<String> lowerValues;
    private final List<LinearPattern> patterns;

    CompiledCondition(final Condition condition, final List<LinearPattern> patterns) {
        this.condition = condition;
        this.lowerValues = condition.getValues().stream()
                .map(v -> v.toLowerCase(Locale.ROOT))
                .toList();
        this.patterns = patterns;
    }

    /** True when any candidate matches any value, inverted by {@code negate}. */
    boolean test(final MailView mail) {
        return holds(mail) != condition.getNegate();
    }

    /** Evaluation order: conditions on headers first, those needing the body last. */
    int cost() {
        final MatchField field = condition.getField();
        return field == MatchField.BODY || field == MatchField.ATTACHMENT || field == MatchField.IS_BOUNCE ? 1 : 0;
    }

    Condition condition() {
        return condition;
    }

    /** A short human description, e.g. {@code SUBJECT REGEX [invoice]}. */
    String describe() {
        return condition.getField() + (condition.getHeader() == null ? "" : "(" + condition.getHeader() + ")")
                + (condition.getNegate() ? " NOT " : " ") + condition.getOp() + " " + condition.getValues();
    }

    private boolean holds(final MailView mail) {
        return switch (condition.getOp()) {
            case EXACT -> anyEquals(candidates(mail, true));
            case CONTAINS -> anyContains(candidates(mail, false));
            case REGEX -> anyFinds(mail);
        };
    }

    /** The whole values, or only their prefixes where those decide as the whole values would. */
    private List<String> candidates(final MailView mail, final boolean whole) {
        return whole || condition.getNegate()
                ? mail.values(condition.getField(), condition.getHeader())
                : mail.prefixes(condition.getField(), condition.getHeader());
    }

    private boolean anyEquals(final List<String> candidates) {
        for (final String candidate : candidates) {
            for (final String value : condition.getValues()) {
                if (value.equalsIgnoreCase(candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean anyContains(final List<String> candidates) {
        for (final String candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            final String lower = candidate.toLowerCase(Locale.ROOT);
            for (final String value : lowerValues) {
                if (lower.contains(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean anyFinds(final MailView mail) {
        for (final LinearPattern pattern : patterns) {
            for (final String candidate : candidates(mail, pattern.seesTextEnd())) {
                if (candidate != null && pattern.find(candidate)) {
                    return true;
                }
            }
        }
        return false;
    }
}
