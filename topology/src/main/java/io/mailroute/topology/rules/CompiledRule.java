package io.mailroute.topology.rules;

import io.mailroute.avro.Rule;
import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated {@link Rule} ready to evaluate: conditions ordered so that header tests run before
 * anything that needs the body, patterns compiled once.
 */
public final class CompiledRule {
    private final Rule rule;
    private final List<CompiledCondition> conditions;
    private final List<CompiledExtraction> extractions;
    private final LinearPattern ownerFallback;
    private final boolean namedOwner;

    CompiledRule(
            final Rule rule,
            final List<CompiledCondition> conditions,
            final List<CompiledExtraction> extractions,
            final LinearPattern ownerFallback) {
        this.rule = rule;
        final List<CompiledCondition> ordered = new ArrayList<>(conditions);
        ordered.sort(Comparator.comparingInt(CompiledCondition::cost));
        this.conditions = List.copyOf(ordered);
        this.extractions = List.copyOf(extractions);
        this.ownerFallback = ownerFallback;
        this.namedOwner = ownerFallback != null && ownerFallback.groupNames().contains("owner");
    }

    public Rule rule() {
        return rule;
    }

    public String id() {
        return rule.getRuleId();
    }

    /** True when the rule is enabled and every condition holds. */
    public boolean matches(final MailView mail) {
        if (!rule.getEnabled()) {
            return false;
        }
        for (final CompiledCondition condition : conditions) {
            if (!condition.test(mail)) {
                return false;
            }
        }
        return true;
    }

    /** Why the rule does or does not match: one line per condition evaluated, stopping at the first failure. */
    public List<String> explain(final MailView mail) {
        final List<String> lines = new ArrayList<>();
        if (!rule.getEnabled()) {
            lines.add("disabled");
            return lines;
        }
        for (final CompiledCondition condition : conditions) {
            final boolean holds = condition.test(mail);
            lines.add((holds ? "holds: " : "fails: ") + condition.describe());
            if (!holds) {
                break;
            }
        }
        return lines;
    }

    /** The extracted fields, by name, of the extractions that found a value. */
    public Map<String, String> extract(final MailView mail) {
        final Map<String, String> values = new LinkedHashMap<>();
        for (final CompiledExtraction extraction : extractions) {
            extraction
                    .find(mail)
                    .ifPresent(v -> values.putIfAbsent(extraction.extraction().getName(), v));
        }
        return values;
    }

    /** Names of required extractions missing from {@code extracted}. */
    public List<String> missingRequired(final Map<String, String> extracted) {
        return extractions.stream()
                .map(CompiledExtraction::extraction)
                .filter(e -> e.getRequired())
                .map(e -> e.getName())
                .filter(name -> !extracted.containsKey(name))
                .distinct()
                .toList();
    }

    /** The owner id the fallback pattern finds in the subject, else in the body ({@link MailView#ownerSearchTexts}). */
    public Optional<String> fallbackOwnerId(final MailView mail) {
        if (ownerFallback == null) {
            return Optional.empty();
        }
        for (final String candidate : mail.ownerSearchTexts(ownerFallback.seesTextEnd())) {
            final LinearMatcher m = ownerFallback.matcher(candidate);
            if (m.find()) {
                return Optional.ofNullable(namedOwner ? m.group("owner") : m.group(1));
            }
        }
        return Optional.empty();
    }
}
