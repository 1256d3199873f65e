package io.mailroute.topology.rules;

import io.mailroute.avro.Rule;
import java.util.List;

/**
 * The rules of one YAML file, valid and ready to publish to {@code mail.rules} or to compile.
 *
 * @param source       the file (or resource) they were read from
 * @param rulesVersion the file's {@code rulesVersion}
 * @param rules        the rules in file order
 */
public record RulePack(String source, String rulesVersion, List<Rule> rules) {
    public RulePack {
        rules = List.copyOf(rules);
    }

    /** The compiled rule set of this pack (already validated when read, so this cannot fail). */
    public RuleSet compile() {
        try {
            return RuleSet.compileAll(rules, source);
        } catch (RuleValidationException e) {
            throw new IllegalStateException("Rule pack " + source + " was validated when read", e);
        }
    }
}
