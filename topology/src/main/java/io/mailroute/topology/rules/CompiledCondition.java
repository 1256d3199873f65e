package io.mailroute.topology.rules;

import io.mailroute.avro.Condition;
import io.mailroute.avro.MatchField;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** A validated {@link Condition} with its patterns compiled and its values lower-cased once. */
final class CompiledCondition {
    private final Condition condition;
    private final List<String> lowerValues;
    private final List<Pattern> patterns;

    CompiledCondition(final Condition condition, final List<Pattern> patterns) {
        this.condition = condition;
        this.lowerValues = condition.getValues().stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
        this.patterns = patterns;
    }

    /** True when any candidate matches any value, inverted by {@code negate}. */
    boolean test(final MailView mail) {
        return matches(mail.values(condition.getField(), condition.getHeader())) != condition.getNegate();
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

    private boolean matches(final List<String> candidates) {
        for (final String candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            switch (condition.getOp()) {
                case EXACT -> {
                    for (final String value : condition.getValues()) {
                        if (candidate.equalsIgnoreCase(value)) {
                            return true;
                        }
                    }
                }
                case CONTAINS -> {
                    final String lower = candidate.toLowerCase(Locale.ROOT);
                    for (final String value : lowerValues) {
                        if (lower.contains(value)) {
                            return true;
                        }
                    }
                }
                case REGEX -> {
                    for (final Pattern pattern : patterns) {
                        if (pattern.matcher(candidate).find()) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
