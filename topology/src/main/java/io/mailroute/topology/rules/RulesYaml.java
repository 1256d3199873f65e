package io.mailroute.topology.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mailroute.avro.AuthRequirement;
import io.mailroute.avro.Condition;
import io.mailroute.avro.Extraction;
import io.mailroute.avro.Lane;
import io.mailroute.avro.MatchField;
import io.mailroute.avro.MatchOp;
import io.mailroute.avro.Rule;
import io.mailroute.avro.Severity;
import io.mailroute.avro.TicketAction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a rule file: YAML whose rule entries map one to one onto the Avro {@link Rule} (same field
 * names; enums by symbol, case-insensitive), under a file-wide {@code rulesVersion}:
 *
 * <pre>
 * rulesVersion: "2026.11.1"
 * rules:
 *   - ruleId: aws-support-case
 *     category: aws-support-case
 *     priority: 800
 *     lanes: [TICKET]
 *     requireAuth: DMARC_OR_DKIM
 *     conditions:
 *       - {field: FROM, op: REGEX, values: ['@(.+\.)?amazon\.com$']}
 *     extract:
 *       - {name: caseId, from: SUBJECT, pattern: 'Case (?&lt;value&gt;\d+)'}
 * </pre>
 *
 * Every problem is reported at once with the file, rule id and field path; unknown keys are
 * errors (a typo must not silently disable a condition).
 */
public final class RulesYaml {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Stands in for a missing file-wide version, which is reported once for the file. */
    private static final String UNVERSIONED = "unversioned";

    private static final Set<String> FILE_KEYS = Set.of("rulesVersion", "rules");
    private static final Set<String> RULE_KEYS = Set.of(
            "ruleId",
            "rulesVersion",
            "description",
            "priority",
            "enabled",
            "category",
            "severity",
            "lanes",
            "conditions",
            "extract",
            "requireOwner",
            "ownerFallback",
            "requireAuth",
            "ticketAction");
    private static final Set<String> CONDITION_KEYS = Set.of("field", "header", "op", "values", "negate");
    private static final Set<String> EXTRACTION_KEYS = Set.of("name", "from", "header", "pattern", "required");

    private RulesYaml() {}

    /** Reads and validates {@code file}; the rules get {@code updatedAt} as their publication time. */
    public static RulePack read(final Path file, final Instant updatedAt) throws IOException, RuleValidationException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in, updatedAt);
        }
    }

    /** Reads and validates YAML from {@code in}; {@code source} names it in problems. */
    public static RulePack read(final String source, final InputStream in, final Instant updatedAt)
            throws IOException, RuleValidationException {
        final JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (JsonProcessingException e) {
            throw new RuleValidationException(List.of(new RuleProblem(
                    source,
                    null,
                    null,
                    "is not valid YAML: " + e.getOriginalMessage()
                            + (e.getLocation() == null
                                    ? ""
                                    : " at line " + e.getLocation().getLineNr()))));
        }
        final List<RuleProblem> problems = new ArrayList<>();
        final Reader file = new Reader(source, null, problems);
        if (root == null || !root.isObject()) {
            file.add(null, "must be a mapping with rulesVersion and rules");
            throw new RuleValidationException(problems);
        }
        file.unknownKeys(root, FILE_KEYS, null);
        final String version = file.string(root, "rulesVersion", null, true);
        final JsonNode list = root.get("rules");
        final List<Rule> rules = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            file.add("rules", "must be a non-empty list of rules");
        } else {
            final Set<String> ids = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                final Rule rule = rule(list.get(i), "rules[" + i + "]", version, updatedAt, source, problems);
                if (rule != null) {
                    if (!ids.add(rule.getRuleId())) {
                        problems.add(
                                new RuleProblem(source, rule.getRuleId(), "ruleId", "is used by more than one rule"));
                    }
                    RuleCompiler.compile(rule, source, problems);
                    rules.add(rule);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleValidationException(problems);
        }
        return new RulePack(source, version, rules);
    }

    /**
     * The rule of one YAML entry, built even when some of it is wrong (wrong parts left out or
     * defaulted, their problems recorded) so that the validator can report the rest too.
     */
    private static Rule rule(
            final JsonNode node,
            final String path,
            final String fileVersion,
            final Instant updatedAt,
            final String source,
            final List<RuleProblem> problems) {
        if (!node.isObject()) {
            problems.add(new RuleProblem(source, null, path, "must be a mapping"));
            return null;
        }
        final String id = node.hasNonNull("ruleId") && node.get("ruleId").isTextual()
                ? node.get("ruleId").asText()
                : path;
        final Reader r = new Reader(source, id, problems);
        r.string(node, "ruleId", null, false);
        r.unknownKeys(node, RULE_KEYS, null);
        final String version =
                node.hasNonNull("rulesVersion") ? r.string(node, "rulesVersion", null, false) : fileVersion;
        final List<Lane> lanes = r.list(node, "lanes", null).stream()
                .map(e -> r.enumOf(e.node(), e.path(), Lane.class))
                .filter(Objects::nonNull)
                .toList();
        final List<Condition> conditions = r.list(node, "conditions", null).stream()
                .map(e -> condition(e.node(), e.path(), r))
                .filter(Objects::nonNull)
                .toList();
        final List<Extraction> extract = r.list(node, "extract", null).stream()
                .map(e -> extraction(e.node(), e.path(), r))
                .filter(Objects::nonNull)
                .toList();
        return Rule.newBuilder()
                .setRuleId(id)
                .setRulesVersion(version == null ? UNVERSIONED : version)
                .setDescription(r.string(node, "description", null, false))
                .setPriority(r.integer(node, "priority", 0))
                .setEnabled(r.bool(node, "enabled", true))
                .setCategory(Objects.toString(r.string(node, "category", null, false), ""))
                .setSeverity(r.enumValue(node, "severity", Severity.class, Severity.INFO))
                .setLanes(lanes)
                .setConditions(conditions)
                .setExtract(extract)
                .setRequireOwner(r.bool(node, "requireOwner", true))
                .setOwnerFallback(r.string(node, "ownerFallback", null, false))
                .setRequireAuth(r.enumValue(node, "requireAuth", AuthRequirement.class, AuthRequirement.NONE))
                .setTicketAction(r.enumValue(node, "ticketAction", TicketAction.class, null))
                .setUpdatedAt(updatedAt)
                .build();
    }

    private static Condition condition(final JsonNode node, final String path, final Reader r) {
        if (!node.isObject()) {
            r.add(path, "must be a mapping with field, op and values");
            return null;
        }
        r.unknownKeys(node, CONDITION_KEYS, path);
        final MatchField field = r.enumValue(node, "field", MatchField.class, null, path, true);
        final String header = r.string(node, "header", path, false);
        final MatchOp op = r.enumValue(node, "op", MatchOp.class, MatchOp.EXACT, path, false);
        // values compare as text; an unquoted true/false (IS_BOUNCE) is meant as text here
        final List<String> values = r.list(node, "values", path).stream()
                .map(e -> e.node().isBoolean() ? e.node().asText() : r.scalar(e.node(), e.path()))
                .filter(Objects::nonNull)
                .toList();
        final boolean negate = r.bool(node, "negate", false, path);
        return field == null
                ? null
                : Condition.newBuilder()
                        .setField(field)
                        .setHeader(header)
                        .setOp(op)
                        .setValues(values)
                        .setNegate(negate)
                        .build();
    }

    private static Extraction extraction(final JsonNode node, final String path, final Reader r) {
        if (!node.isObject()) {
            r.add(path, "must be a mapping with name, from and pattern");
            return null;
        }
        r.unknownKeys(node, EXTRACTION_KEYS, path);
        final String name = r.string(node, "name", path, true);
        final MatchField from = r.enumValue(node, "from", MatchField.class, null, path, true);
        final String header = r.string(node, "header", path, false);
        final String pattern = r.string(node, "pattern", path, true);
        final boolean required = r.bool(node, "required", false, path);
        return name == null || from == null || pattern == null
                ? null
                : Extraction.newBuilder()
                        .setName(name)
                        .setFrom(from)
                        .setHeader(header)
                        .setPattern(pattern)
                        .setRequired(required)
                        .build();
    }

    /** An element of a YAML list with its path. */
    private record Element(JsonNode node, String path) {}

    /** Typed reads of one rule's fields; each failure is recorded with its field path. */
    private static final class Reader {
        private final String source;
        private final String ruleId;
        private final List<RuleProblem> problems;

        Reader(final String source, final String ruleId, final List<RuleProblem> problems) {
            this.source = source;
            this.ruleId = ruleId;
            this.problems = problems;
        }

        void add(final String field, final String message) {
            problems.add(new RuleProblem(source, ruleId, field, message));
        }

        void unknownKeys(final JsonNode node, final Set<String> known, final String path) {
            for (final Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                final String name = names.next();
                if (!known.contains(name)) {
                    add(
                            join(path, name),
                            "unknown key; expected one of "
                                    + known.stream().sorted().toList());
                }
            }
        }

        String string(final JsonNode node, final String key, final String path, final boolean required) {
            final JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                if (required) {
                    add(join(path, key), "is required");
                }
                return null;
            }
            return scalar(value, join(path, key));
        }

        /** Text of a scalar; numbers are taken as written, booleans refused (YAML reads no, off, yes as booleans). */
        String scalar(final JsonNode value, final String path) {
            if (!value.isValueNode()) {
                add(path, "must be a single value");
                return null;
            }
            if (value.isBoolean()) {
                add(path, "is read as the boolean " + value + " by YAML; put the text in quotes");
                return null;
            }
            return value.asText();
        }

        int integer(final JsonNode node, final String key, final int defaultValue) {
            final JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return defaultValue;
            }
            if (!value.canConvertToInt() || !value.isIntegralNumber()) {
                add(key, "must be an integer");
                return defaultValue;
            }
            return value.intValue();
        }

        boolean bool(final JsonNode node, final String key, final boolean defaultValue) {
            return bool(node, key, defaultValue, null);
        }

        boolean bool(final JsonNode node, final String key, final boolean defaultValue, final String path) {
            final JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return defaultValue;
            }
            if (!value.isBoolean()) {
                add(join(path, key), "must be true or false");
                return defaultValue;
            }
            return value.booleanValue();
        }

        <E extends Enum<E>> E enumValue(
                final JsonNode node, final String key, final Class<E> type, final E defaultValue) {
            return enumValue(node, key, type, defaultValue, null, false);
        }

        <E extends Enum<E>> E enumValue(
                final JsonNode node,
                final String key,
                final Class<E> type,
                final E defaultValue,
                final String path,
                final boolean required) {
            final JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                if (required) {
                    add(join(path, key), "is required; one of " + List.of(type.getEnumConstants()));
                }
                return defaultValue;
            }
            final E parsed = enumOf(value, join(path, key), type);
            return parsed == null ? defaultValue : parsed;
        }

        <E extends Enum<E>> E enumOf(final JsonNode value, final String path, final Class<E> type) {
            final String text = value.isValueNode()
                    ? value.asText().strip().toUpperCase(Locale.ROOT).replace('-', '_')
                    : "";
            for (final E constant : type.getEnumConstants()) {
                if (constant.name().equals(text)) {
                    return constant;
                }
            }
            add(path, "must be one of " + List.of(type.getEnumConstants()) + ", was " + value);
            return null;
        }

        List<Element> list(final JsonNode node, final String key, final String path) {
            final JsonNode value = node.get(key);
            final String listPath = join(path, key);
            if (value == null || value.isNull()) {
                return List.of();
            }
            if (!value.isArray()) {
                add(listPath, "must be a list");
                return List.of();
            }
            final List<Element> elements = new ArrayList<>(value.size());
            for (int i = 0; i < value.size(); i++) {
                elements.add(new Element(value.get(i), listPath + "[" + i + "]"));
            }
            return elements;
        }

        private static String join(final String path, final String key) {
            return path == null ? key : path + "." + key;
        }
    }
}
