package io.mailroute.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.avro.AuthRequirement;
import io.mailroute.avro.Lane;
import io.mailroute.avro.MatchField;
import io.mailroute.avro.MatchOp;
import io.mailroute.avro.Rule;
import io.mailroute.avro.Severity;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesYamlTest {
    private static final Instant PUBLISHED = Instant.parse("2026-11-20T00:00:00Z");

    private static RulePack read(final String yaml) throws Exception {
        return RulesYaml.read("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), PUBLISHED);
    }

    private static List<String> problems(final String yaml) {
        try {
            read(yaml);
        } catch (RuleValidationException e) {
            return e.problems().stream().map(RuleProblem::toString).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected problems in " + yaml);
    }

    @Test
    void shouldMapEveryKeyOntoTheAvroRule() throws Exception {
        // when
        final RulePack pack = read("""
                rulesVersion: "7"
                rules:
                  - ruleId: case
                    description: Support cases
                    priority: 5
                    enabled: false
                    category: aws-support-case
                    severity: urgent
                    lanes: [ticket, NOTIFY]
                    requireOwner: false
                    ownerFallback: '(?<owner>\\d{12})'
                    requireAuth: dmarc-or-dkim
                    ticketAction: UPDATE
                    conditions:
                      - {field: HEADER, header: X-Case, op: REGEX, values: ['\\d+'], negate: true}
                    extract:
                      - {name: caseId, from: SUBJECT, pattern: 'CASE (\\d+)', required: true}
                """);

        // then
        assertThat(pack.rulesVersion()).isEqualTo("7");
        final Rule rule = pack.rules().get(0);
        assertThat(rule.getRuleId()).isEqualTo("case");
        assertThat(rule.getRulesVersion()).isEqualTo("7");
        assertThat(rule.getEnabled()).isFalse();
        assertThat(rule.getSeverity()).isEqualTo(Severity.URGENT);
        assertThat(rule.getLanes()).containsExactly(Lane.TICKET, Lane.NOTIFY);
        assertThat(rule.getRequireAuth()).isEqualTo(AuthRequirement.DMARC_OR_DKIM);
        assertThat(rule.getConditions().get(0).getField()).isEqualTo(MatchField.HEADER);
        assertThat(rule.getConditions().get(0).getOp()).isEqualTo(MatchOp.REGEX);
        assertThat(rule.getConditions().get(0).getNegate()).isTrue();
        assertThat(rule.getExtract().get(0).getRequired()).isTrue();
        assertThat(rule.getUpdatedAt()).isEqualTo(PUBLISHED);
    }

    @Test
    void shouldReportEveryProblemWithFileRuleAndField() {
        final List<String> problems = problems("""
                rulesVersion: "1"
                rules:
                  - ruleId: one
                    category: c
                    lane: [NOTIFY]
                    conditions:
                      - {field: SUBJECT, op: REGEX, values: ['(unclosed']}
                      - {field: HEADER, values: [x]}
                      - {field: DMARC, values: [maybe]}
                  - ruleId: two
                    severity: CRITICAL
                    lanes: [OVERFLOW]
                    conditions: [{field: BODY, op: CONTAINS, values: [x]}]
                    extract: [{name: n, from: BODY, pattern: 'no group'}]
                  - ruleId: one
                    category: c
                    conditions: [{field: IS_BOUNCE, values: ["yes"]}]
                """);

        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "test.yaml: rule one: lane: unknown key; expected one of [category, conditions, description, enabled, extract, "
                                + "lanes, ownerFallback, priority, requireAuth, requireOwner, ruleId, rulesVersion, severity, ticketAction]",
                        "test.yaml: rule one: conditions[0].values[0]: is not a valid regex: missing closing )",
                        "test.yaml: rule one: conditions[1].header: is required when field is HEADER",
                        "test.yaml: rule one: conditions[2].values[0]: must be a verdict: [PASS, FAIL, SOFTFAIL, NEUTRAL, NONE, GRAY, "
                                + "TEMPERROR, PERMERROR, PROCESSING_FAILED, UNKNOWN]",
                        "test.yaml: rule two: category: is required",
                        "test.yaml: rule two: severity: must be one of [INFO, LOW, MEDIUM, HIGH, URGENT], was \"CRITICAL\"",
                        "test.yaml: rule two: lanes[0]: OVERFLOW is assigned by flood control, not by rules",
                        "test.yaml: rule two: extract[0].pattern: needs a group named 'value' or at least one group",
                        "test.yaml: rule one: ruleId: is used by more than one rule",
                        "test.yaml: rule one: conditions[0].values[0]: must be true or false");
    }

    @Test
    void shouldRejectPatternsTheLinearTimeEngineCannotRunNamingRuleAndField() {
        final List<String> problems = problems("""
                rulesVersion: "1"
                rules:
                  - ruleId: hostile
                    category: c
                    ownerFallback: '(\\d{12})\\1'
                    conditions:
                      - {field: FROM, op: CONTAINS, values: [aws]}
                      - {field: SUBJECT, op: REGEX, values: ['invoice', '(?i)invoice(?= due)']}
                      - {field: BODY, op: REGEX, values: ['(?<!re: )order']}
                    extract:
                      - {name: total, from: BODY, pattern: 'total: (?<value>\\d++)'}
                """);

        assertThat(problems)
                .containsExactly(
                        "test.yaml: rule hostile: conditions[1].values[1]: is not a valid regex: "
                                + "lookahead (?= is not supported by the linear-time engine at index 11",
                        "test.yaml: rule hostile: conditions[2].values[0]: is not a valid regex: "
                                + "lookbehind (?<! is not supported by the linear-time engine at index 0",
                        "test.yaml: rule hostile: extract[0].pattern: is not a valid regex: "
                                + "possessive quantifier ++ is not supported by the linear-time engine at index 18",
                        "test.yaml: rule hostile: ownerFallback: is not a valid regex: "
                                + "backreference \\1 is not supported by the linear-time engine at index 8");
    }

    @Test
    void shouldRefuseWordsThatYamlReadsAsBooleans() {
        assertThat(
                        problems(
                                "rulesVersion: '1'\nrules:\n  - {ruleId: off, category: c, conditions: [{field: IS_BOUNCE, values: [true]}]}\n"))
                .containsExactly(
                        "test.yaml: rule rules[0]: ruleId: is read as the boolean false by YAML; put the text in quotes",
                        "test.yaml: rule rules[0]: ruleId: must match [a-z0-9][a-z0-9._-]{0,99}");
    }

    @Test
    void shouldRejectARuleWithoutConditions() {
        assertThat(problems("rulesVersion: '1'\nrules:\n  - {ruleId: all, category: c}\n"))
                .containsExactly(
                        "test.yaml: rule all: conditions: needs at least one condition (a catch-all rule would hide every new pattern)");
    }

    @Test
    void shouldExplainFilesThatAreNoRuleFiles() {
        assertThat(problems("rules: [")).singleElement().asString().startsWith("test.yaml: is not valid YAML");
        assertThat(problems("- a\n- b\n")).containsExactly("test.yaml: must be a mapping with rulesVersion and rules");
        assertThat(problems("rulesVersion: '1'\nrules: []\nextra: 1\n"))
                .containsExactly(
                        "test.yaml: extra: unknown key; expected one of [rules, rulesVersion]",
                        "test.yaml: rules: must be a non-empty list of rules");
    }

    @Test
    void shouldNameTheFileItWasReadFrom() throws Exception {
        final java.nio.file.Path file = java.nio.file.Files.createTempFile("rules", ".yaml");
        try {
            java.nio.file.Files.writeString(file, "rulesVersion: '1'\nrules:\n  - {ruleId: x}\n");
            assertThatThrownBy(() -> RulesYaml.read(file, PUBLISHED))
                    .isInstanceOf(RuleValidationException.class)
                    .hasMessageStartingWith(file + ": rule x: category: is required");
        } finally {
            java.nio.file.Files.delete(file);
        }
    }
}
