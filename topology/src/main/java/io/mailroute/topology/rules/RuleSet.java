package io.mailroute.topology.rules;

import io.mailroute.avro.Rule;
import io.mailroute.topology.budget.MailBudget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A versioned set of compiled rules in evaluation order: higher priority first, then rule id.
 * The first matching rule wins. Immutable and thread-safe.
 */
public final class RuleSet {
    private static final Comparator<CompiledRule> ORDER = Comparator.comparingInt(
                    (CompiledRule r) -> r.rule().getPriority())
            .reversed()
            .thenComparing(CompiledRule::id);

    private final String version;
    private final List<CompiledRule> rules;

    private RuleSet(final String version, final List<CompiledRule> rules) {
        this.version = version;
        this.rules = rules;
    }

    /**
     * Compiles {@code rules}; invalid ones are left out and reported in {@code problems}.
     *
     * @param source where the rules come from, for the problems
     */
    public static RuleSet compile(final List<Rule> rules, final String source, final List<RuleProblem> problems) {
        final List<CompiledRule> compiled = new ArrayList<>(rules.size());
        for (final Rule rule : rules) {
            final CompiledRule c = RuleCompiler.compile(rule, source, problems);
            if (c != null) {
                compiled.add(c);
            }
        }
        compiled.sort(ORDER);
        return new RuleSet(version(rules), List.copyOf(compiled));
    }

    /** Compiles {@code rules}, failing on the first invalid one. */
    public static RuleSet compileAll(final List<Rule> rules, final String source) throws RuleValidationException {
        final List<RuleProblem> problems = new ArrayList<>();
        final RuleSet set = compile(rules, source, problems);
        if (!problems.isEmpty()) {
            throw new RuleValidationException(problems);
        }
        return set;
    }

    /**
     * The version of a set: the {@code rulesVersion} of its most recently updated rule (ties:
     * the greatest version), or {@code "none"} for an empty set.
     */
    static String version(final List<Rule> rules) {
        return rules.stream()
                .max(Comparator.comparing(Rule::getUpdatedAt).thenComparing(Rule::getRulesVersion))
                .map(Rule::getRulesVersion)
                .orElse("none");
    }

    public String version() {
        return version;
    }

    /** Rules in evaluation order. */
    public List<CompiledRule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The first rule that matches {@code mail}. */
    public Optional<CompiledRule> firstMatch(final MailView mail) {
        for (final CompiledRule rule : rules) {
            MailBudget.check();
            if (rule.matches(mail)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
