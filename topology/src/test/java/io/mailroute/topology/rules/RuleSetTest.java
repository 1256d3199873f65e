package io.mailroute.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.AuthRequirement;
import io.mailroute.avro.Rule;
import io.mailroute.avro.Severity;
import io.mailroute.topology.bouncereport.BounceClassifier;
import io.mailroute.topology.parse.MailParser;
import io.mailroute.topology.parse.ParserSettings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleSetTest {
    private static final MailParser PARSER = new MailParser(ParserSettings.LENIENT);

    private static RuleSet rules(final String yaml) throws Exception {
        return RulesYaml.read(
                        "test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), Instant.EPOCH)
                .compile();
    }

    private static MailView mail(final String headersAndBody) throws Exception {
        return new MailView(
                PARSER.parse(headersAndBody.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)),
                new BounceClassifier());
    }

    @Test
    void shouldLetTheHighestPriorityMatchingRuleWin() throws Exception {
        // given
        final RuleSet set = rules("""
                rulesVersion: "3"
                rules:
                  - {ruleId: low, priority: 1, category: c, conditions: [{field: SUBJECT, op: CONTAINS, values: [invoice]}]}
                  - {ruleId: high, priority: 9, category: c, conditions: [{field: SUBJECT, op: CONTAINS, values: [INVOICE]}]}
                  - {ruleId: 'off', priority: 99, enabled: false, category: c, conditions: [{field: SUBJECT, op: CONTAINS, values: [x]}]}
                """);

        // when / then
        assertThat(set.rules()).extracting(CompiledRule::id).containsExactly("off", "high", "low");
        assertThat(set.firstMatch(mail("Subject: Your invoice\n\nx\n")))
                .get()
                .extracting(CompiledRule::id)
                .isEqualTo("high");
        assertThat(set.firstMatch(mail("Subject: hello\n\nx\n"))).isEmpty();
        assertThat(set.version()).isEqualTo("3");
    }

    @Test
    void shouldMatchEveryFieldAndOperator() throws Exception {
        // given
        final RuleSet set = rules("""
                rulesVersion: "1"
                rules:
                  - ruleId: all
                    category: c
                    conditions:
                      - {field: FROM, op: EXACT, values: [Billing@Example.com]}
                      - {field: RECIPIENT, op: REGEX, values: ['^root\\+\\d+@']}
                      - {field: HEADER, header: x-priority, op: EXACT, values: ['1']}
                      - {field: DKIM, values: [pass]}
                      - {field: SPAM, values: [FAIL], negate: true}
                      - {field: BODY, op: CONTAINS, values: [amount due]}
                      - {field: IS_BOUNCE, values: ['false']}
                    extract:
                      - {name: total, from: BODY, pattern: 'due: (\\S+)'}
                      - {name: id, from: HEADER, header: X-Id, pattern: '(?<value>\\d+)', required: true}
                    ownerFallback: 'acct (\\d{12})'
                """);
        final MailView mail = mail("Authentication-Results: amazonses.com; dkim=pass header.d=example.com\n"
                + "From: billing@example.com\nTo: root+42@example.com\n"
                + "X-Priority: 1\nX-Id: id-77\nSubject: acct 123456789012\n\nThe Amount due: $5\n");

        // when
        final CompiledRule rule = set.firstMatch(mail).orElseThrow();

        // then
        assertThat(rule.extract(mail)).containsExactly(Map.entry("total", "$5"), Map.entry("id", "77"));
        assertThat(rule.missingRequired(Map.of())).containsExactly("id");
        assertThat(rule.fallbackOwnerId(mail)).contains("123456789012");
    }

    @Test
    void shouldExplainTheFirstConditionThatFails() throws Exception {
        // given
        final CompiledRule rule = rules("""
                rulesVersion: "1"
                rules:
                  - ruleId: r
                    category: c
                    conditions:
                      - {field: BODY, op: CONTAINS, values: [never]}
                      - {field: FROM, op: CONTAINS, values: ['@example.com']}
                      - {field: SUBJECT, op: REGEX, values: ['^Case']}
                """).rules().get(0);

        // when
        final List<String> lines = rule.explain(mail("From: a@example.com\nSubject: Not a case\n\nbody\n"));

        // then: header conditions are evaluated (and explained) before the body
        assertThat(lines).containsExactly("holds: FROM CONTAINS [@example.com]", "fails: SUBJECT REGEX [^Case]");
    }

    @Test
    void shouldVersionAMixedSetByItsNewestRule() {
        final Rule older = new Rule(
                "a",
                "1",
                null,
                0,
                true,
                "c",
                Severity.INFO,
                List.of(),
                List.of(),
                List.of(),
                true,
                null,
                AuthRequirement.NONE,
                null,
                Instant.parse("2026-01-01T00:00:00Z"));
        final Rule newer = new Rule(
                "b",
                "2",
                null,
                0,
                true,
                "c",
                Severity.INFO,
                List.of(),
                List.of(),
                List.of(),
                true,
                null,
                AuthRequirement.NONE,
                null,
                Instant.parse("2026-02-01T00:00:00Z"));

        assertThat(RuleSet.version(List.of(newer, older))).isEqualTo("2");
        assertThat(RuleSet.version(List.of())).isEqualTo("none");
    }
}
