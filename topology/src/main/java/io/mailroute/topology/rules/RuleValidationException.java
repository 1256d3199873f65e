package io.mailroute.topology.rules;

import java.util.List;
import java.util.stream.Collectors;

/** Rules that cannot be used, with every problem found (not only the first). */
public final class RuleValidationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<RuleProblem> problems;

    public RuleValidationException(final List<RuleProblem> problems) {
        super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
