package io.mailroute.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.mailroute.avro.AuthRequirement;
import io.mailroute.avro.Lane;
import io.mailroute.avro.MatchField;
import io.mailroute.avro.MatchOp;
import io.mailroute.avro.Severity;
import io.mailroute.avro.TicketAction;
import io.mailroute.avro.Verdict;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * rules/rules.schema.json, the JSON Schema for editors, accepts the default pack and agrees with
 * the reader: its enums are the Avro enums, and rules either both accept or both refuse.
 */
class RulesSchemaTest {
    private static final Path RULES = Path.of("..", "rules");
    private static final Instant PUBLISHED = Instant.parse("2026-11-20T00:00:00Z");
    private static final YAMLMapper YAML = new YAMLMapper();

    private static JsonNode schemaTree() throws IOException {
        return new ObjectMapper().readTree(RULES.resolve("rules.schema.json").toFile());
    }

    private static List<Error> schemaErrors(final JsonNode document) throws IOException {
        try (InputStream in = Files.newInputStream(RULES.resolve("rules.schema.json"))) {
            final Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(in);
            return schema.validate(document);
        }
    }

    private static List<String> readerProblems(final String yaml) throws IOException {
        try {
            RulesYaml.read("case.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), PUBLISHED);
            return List.of();
        } catch (RuleValidationException e) {
            return e.problems().stream().map(RuleProblem::toString).toList();
        }
    }

    private static List<String> names(final Enum<?>[] values) {
        return Stream.of(values).map(Enum::name).toList();
    }

    private static List<String> enumOf(final JsonNode node) {
        final List<String> values = new ArrayList<>();
        node.path("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void shouldAcceptTheDefaultPack() throws IOException {
        // given
        final Path pack = RULES.resolve("default.yaml");

        // when
        final List<Error> errors = schemaErrors(YAML.readTree(pack.toFile()));

        // then
        assertThat(errors).isEmpty();
        assertThat(Files.readAllLines(pack).get(0)).isEqualTo("# yaml-language-server: $schema=rules.schema.json");
    }

    @Test
    void shouldListExactlyTheEnumValuesOfTheAvroRule() throws IOException {
        // given
        final JsonNode definitions = schemaTree().path("definitions");
        final JsonNode rule = definitions.path("rule").path("properties");
        final JsonNode condition = definitions.path("condition");

        // then
        assertThat(enumOf(rule.path("severity"))).isEqualTo(names(Severity.values()));
        assertThat(enumOf(rule.path("requireAuth"))).isEqualTo(names(AuthRequirement.values()));
        assertThat(enumOf(rule.path("ticketAction"))).isEqualTo(names(TicketAction.values()));
        assertThat(enumOf(condition.path("properties").path("field"))).isEqualTo(names(MatchField.values()));
        assertThat(enumOf(condition.path("properties").path("op"))).isEqualTo(names(MatchOp.values()));
        assertThat(enumOf(condition
                        .path("allOf")
                        .get(1)
                        .path("then")
                        .path("properties")
                        .path("values")
                        .path("items")))
                .isEqualTo(names(Verdict.values()));
        // OVERFLOW is a lane of flood control, which the compiler refuses in rules
        assertThat(enumOf(rule.path("lanes").path("items")))
                .containsExactlyElementsOf(Stream.of(Lane.values())
                        .filter(lane -> lane != Lane.OVERFLOW)
                        .map(Enum::name)
                        .toList());
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("a complete rule", true, """
                        ruleId: case-1
                        description: cases
                        priority: 5
                        enabled: false
                        category: cases
                        severity: URGENT
                        lanes: [TICKET, NOTIFY, ORDER_IMPORT, QUARANTINE]
                        requireOwner: false
                        ownerFallback: '(?<owner>\\d{12})'
                        requireAuth: DMARC_OR_DKIM
                        ticketAction: UPDATE
                        conditions:
                          - {field: HEADER, header: X-Case, op: REGEX, values: ['\\d+'], negate: true}
                          - {field: DMARC, values: [PASS, FAIL]}
                          - {field: IS_BOUNCE, values: [true]}
                          - {field: SUBJECT, op: CONTAINS, values: [42]}
                        extract:
                          - {name: caseId, from: HEADER, header: X-Case, pattern: '(\\d+)', required: true}
                        """),
                Arguments.of("a rule without conditions", false, "ruleId: a\ncategory: c\nconditions: []\n"),
                Arguments.of("a rule without category", false, "ruleId: a\nconditions: [{field: FROM, values: [x]}]\n"),
                Arguments.of(
                        "a blank category",
                        false,
                        "ruleId: a\ncategory: ' '\nconditions: [{field: FROM, values: [x]}]\n"),
                Arguments.of(
                        "a rule id with capitals",
                        false,
                        "ruleId: A\ncategory: c\nconditions: [{field: FROM, values: [x]}]\n"),
                Arguments.of(
                        "an unknown key",
                        false,
                        "ruleId: a\ncategory: c\nlane: [TICKET]\nconditions: [{field: FROM, values: [x]}]\n"),
                Arguments.of(
                        "the overflow lane",
                        false,
                        "ruleId: a\ncategory: c\nlanes: [OVERFLOW]\nconditions: [{field: FROM, values: [x]}]\n"),
                Arguments.of(
                        "an unknown severity",
                        false,
                        "ruleId: a\ncategory: c\nseverity: CRITICAL\nconditions: [{field: FROM, values: [x]}]\n"),
                Arguments.of(
                        "a fractional priority",
                        false,
                        "ruleId: a\ncategory: c\npriority: 1.5\nconditions: [{field: FROM, values: [x]}]\n"),
                Arguments.of(
                        "a HEADER condition without header",
                        false,
                        "ruleId: a\ncategory: c\nconditions: [{field: HEADER, values: [x]}]\n"),
                Arguments.of(
                        "a header on a FROM condition",
                        false,
                        "ruleId: a\ncategory: c\nconditions: [{field: FROM, header: X, values: [x]}]\n"),
                Arguments.of(
                        "a condition without values",
                        false,
                        "ruleId: a\ncategory: c\nconditions: [{field: FROM, values: []}]\n"),
                Arguments.of(
                        "an empty value", false, "ruleId: a\ncategory: c\nconditions: [{field: FROM, values: ['']}]\n"),
                Arguments.of(
                        "a verdict that is none",
                        false,
                        "ruleId: a\ncategory: c\nconditions: [{field: SPF, values: [MAYBE]}]\n"),
                Arguments.of(
                        "an IS_BOUNCE that is no boolean",
                        false,
                        "ruleId: a\ncategory: c\nconditions: [{field: IS_BOUNCE, values: ['yes']}]\n"),
                Arguments.of(
                        "an extraction from a verdict",
                        false,
                        "ruleId: a\ncategory: c\nconditions: [{field: FROM, values: [x]}]\nextract: [{name: n, from: SPF, pattern: '(x)'}]\n"),
                Arguments.of(
                        "a HEADER extraction without header",
                        false,
                        "ruleId: a\ncategory: c\nconditions: [{field: FROM, values: [x]}]\nextract: [{name: n, from: HEADER, pattern: '(x)'}]\n"),
                Arguments.of(
                        "an extraction without pattern",
                        false,
                        "ruleId: a\ncategory: c\nconditions: [{field: FROM, values: [x]}]\nextract: [{name: n, from: BODY}]\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void shouldAcceptAndRefuseWhatTheReaderAcceptsAndRefuses(final String what, final boolean valid, final String rule)
            throws IOException {
        // given
        final String file = "rulesVersion: \"1\"\nrules:\n  - " + rule.strip().replace("\n", "\n    ") + "\n";

        // when
        final List<Error> schemaErrors = schemaErrors(YAML.readTree(file));
        final List<String> readerProblems = readerProblems(file);

        // then
        assertThat(readerProblems)
                .as("reader on %s", what)
                .matches(p -> p.isEmpty() == valid, valid ? "empty" : "not empty");
        assertThat(schemaErrors)
                .as("schema on %s", what)
                .matches(e -> e.isEmpty() == valid, valid ? "empty" : "not empty");
    }
}
