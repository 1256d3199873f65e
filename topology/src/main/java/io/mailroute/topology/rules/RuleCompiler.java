package io.mailroute.topology.rules;

import io.mailroute.avro.Condition;
import io.mailroute.avro.Extraction;
import io.mailroute.avro.Lane;
import io.mailroute.avro.MatchField;
import io.mailroute.avro.MatchOp;
import io.mailroute.avro.Rule;
import io.mailroute.avro.Verdict;
import io.mailroute.topology.match.LinearPattern;
import io.mailroute.topology.match.LinearPatternException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Validates {@link Rule}s and compiles them. The same checks guard rules loaded from YAML and
 * rules read from {@code mail.rules}, so a rule that passes {@code mailroute rules test} also
 * works in the topology.
 */
public final class RuleCompiler {
    /** Rule ids: lower-case letters, digits, dots, dashes and underscores. */
    public static final LinearPattern RULE_ID = LinearPattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    private static final Set<MatchField> VERDICT_FIELDS =
            EnumSet.of(MatchField.SPF, MatchField.DKIM, MatchField.DMARC, MatchField.SPAM, MatchField.VIRUS);
    private static final Set<MatchField> EXTRACTABLE =
            EnumSet.of(MatchField.SUBJECT, MatchField.BODY, MatchField.HEADER, MatchField.FROM, MatchField.RECIPIENT);

    private RuleCompiler() {}

    /**
     * Compiles {@code rule}, adding what is wrong with it to {@code problems}.
     *
     * @return the compiled rule, or null when it has problems
     */
    public static CompiledRule compile(final Rule rule, final String source, final List<RuleProblem> problems) {
        final Problems p = new Problems(source, rule.getRuleId(), problems);
        if (rule.getRuleId() == null || !RULE_ID.matchesAll(rule.getRuleId())) {
            p.add("ruleId", "must match " + RULE_ID.pattern());
        }
        if (blank(rule.getRulesVersion())) {
            p.add("rulesVersion", "is required");
        }
        if (blank(rule.getCategory())) {
            p.add("category", "is required");
        }
        for (int i = 0; i < rule.getLanes().size(); i++) {
            if (rule.getLanes().get(i) == Lane.OVERFLOW) {
                p.add("lanes[" + i + "]", "OVERFLOW is assigned by flood control, not by rules");
            }
        }
        if (rule.getConditions().isEmpty()) {
            p.add("conditions", "needs at least one condition (a catch-all rule would hide every new pattern)");
        }
        final List<CompiledCondition> conditions = new ArrayList<>();
        for (int i = 0; i < rule.getConditions().size(); i++) {
            final CompiledCondition condition = condition(rule.getConditions().get(i), "conditions[" + i + "]", p);
            if (condition != null) {
                conditions.add(condition);
            }
        }
        final List<CompiledExtraction> extractions = new ArrayList<>();
        for (int i = 0; i < rule.getExtract().size(); i++) {
            final CompiledExtraction extraction = extraction(rule.getExtract().get(i), "extract[" + i + "]", p);
            if (extraction != null) {
                extractions.add(extraction);
            }
        }
        LinearPattern ownerFallback = null;
        if (rule.getOwnerFallback() != null) {
            ownerFallback = pattern(rule.getOwnerFallback(), "ownerFallback", p);
            if (ownerFallback != null
                    && !ownerFallback.groupNames().contains("owner")
                    && ownerFallback.groupCount() < 1) {
                p.add("ownerFallback", "needs a group named 'owner' or at least one group");
            }
        }
        return p.count() > 0 ? null : new CompiledRule(rule, conditions, extractions, ownerFallback);
    }

    private static CompiledCondition condition(final Condition condition, final String path, final Problems p) {
        final int before = p.count();
        final MatchField field = condition.getField();
        if (field == MatchField.HEADER && blank(condition.getHeader())) {
            p.add(path + ".header", "is required when field is HEADER");
        }
        if (field != MatchField.HEADER && condition.getHeader() != null) {
            p.add(path + ".header", "is only allowed when field is HEADER");
        }
        if (condition.getValues().isEmpty()) {
            p.add(path + ".values", "needs at least one value");
        }
        final List<LinearPattern> patterns = new ArrayList<>();
        for (int i = 0; i < condition.getValues().size(); i++) {
            final String value = condition.getValues().get(i);
            final String valuePath = path + ".values[" + i + "]";
            if (value == null || value.isEmpty()) {
                p.add(valuePath, "must not be empty");
            } else if (VERDICT_FIELDS.contains(field) && !isVerdict(value)) {
                p.add(valuePath, "must be a verdict: " + List.of(Verdict.values()));
            } else if (field == MatchField.IS_BOUNCE && !value.equals("true") && !value.equals("false")) {
                p.add(valuePath, "must be true or false");
            } else if (condition.getOp() == MatchOp.REGEX) {
                final LinearPattern pattern = pattern(value, valuePath, p);
                if (pattern != null) {
                    patterns.add(pattern);
                }
            }
        }
        return p.count() > before ? null : new CompiledCondition(condition, List.copyOf(patterns));
    }

    private static CompiledExtraction extraction(final Extraction extraction, final String path, final Problems p) {
        final int before = p.count();
        if (blank(extraction.getName())) {
            p.add(path + ".name", "is required");
        }
        if (!EXTRACTABLE.contains(extraction.getFrom())) {
            p.add(path + ".from", "must be one of " + EXTRACTABLE);
        }
        if (extraction.getFrom() == MatchField.HEADER && blank(extraction.getHeader())) {
            p.add(path + ".header", "is required when from is HEADER");
        }
        final LinearPattern pattern = pattern(extraction.getPattern(), path + ".pattern", p);
        final boolean named = pattern != null && pattern.groupNames().contains("value");
        if (pattern != null && !named && pattern.groupCount() < 1) {
            p.add(path + ".pattern", "needs a group named 'value' or at least one group");
        }
        return p.count() > before ? null : new CompiledExtraction(extraction, pattern, named);
    }

    /** The pattern compiled for the linear-time engine; a pattern it cannot run is a problem saying why. */
    private static LinearPattern pattern(final String regex, final String path, final Problems p) {
        if (regex == null || regex.isEmpty()) {
            p.add(path, "must not be empty");
            return null;
        }
        try {
            return LinearPattern.compile(regex);
        } catch (LinearPatternException e) {
            p.add(
                    path,
                    "is not a valid regex: " + e.description() + (e.position() < 0 ? "" : " at index " + e.position()));
            return null;
        }
    }

    private static boolean isVerdict(final String value) {
        for (final Verdict verdict : Verdict.values()) {
            if (verdict.name().equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(final String value) {
        return value == null || value.isBlank();
    }

    /** Collects the problems of one rule into the caller's list, counting them. */
    private static final class Problems {
        private final String source;
        private final String ruleId;
        private final List<RuleProblem> all;
        private int count;

        Problems(final String source, final String ruleId, final List<RuleProblem> all) {
            this.source = source;
            this.ruleId = ruleId;
            this.all = all;
        }

        void add(final String field, final String message) {
            all.add(new RuleProblem(source, ruleId, field, message));
            count++;
        }

        int count() {
            return count;
        }
    }
}
