package io.mailroute.topology.rules;

/**
 * One reason a rule is invalid.
 *
 * @param source  where the rule came from: a file name or a topic
 * @param ruleId  the rule, or null when the problem is in the file itself
 * @param field   path of the offending field, e.g. {@code conditions[1].values[0]}
 * @param message what is wrong
 */
public record RuleProblem(String source, String ruleId, String field, String message) {
    @Override
    public String toString() {
        return source + ": " + (ruleId == null ? "" : "rule " + ruleId + ": ") + (field == null ? "" : field + ": ")
                + message;
    }
}
