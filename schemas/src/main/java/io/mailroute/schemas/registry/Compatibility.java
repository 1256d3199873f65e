package io.mailroute.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/** Confluent's compatibility levels, checked with Avro's reader/writer resolution rules. */
public enum Compatibility {
    NONE,
    BACKWARD,
    BACKWARD_TRANSITIVE,
    FORWARD,
    FORWARD_TRANSITIVE,
    FULL,
    FULL_TRANSITIVE;

    /**
     * Checks a candidate against the existing versions of a subject, oldest first.
     *
     * @return an empty list when compatible, else one message per violated pair
     */
    public List<String> violations(final Schema candidate, final List<Schema> existingOldestFirst) {
        if (this == NONE || existingOldestFirst.isEmpty()) {
            return List.of();
        }
        final List<Schema> against =
                isTransitive() ? existingOldestFirst : List.of(existingOldestFirst.get(existingOldestFirst.size() - 1));
        return against.stream()
                .flatMap(existing -> check(candidate, existing).stream())
                .toList();
    }

    private List<String> check(final Schema candidate, final Schema existing) {
        final boolean backward =
                this == BACKWARD || this == BACKWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
        final boolean forward =
                this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
        final List<String> problems = new ArrayList<>();
        if (backward) {
            describe("new schema cannot read data written with the old one", candidate, existing, problems);
        }
        if (forward) {
            describe("old schema cannot read data written with the new one", existing, candidate, problems);
        }
        return problems;
    }

    private static void describe(
            final String what, final Schema reader, final Schema writer, final List<String> problems) {
        final SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            result.getResult()
                    .getIncompatibilities()
                    .forEach(i -> problems.add(
                            what + ": " + i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")"));
        }
    }

    private boolean isTransitive() {
        return name().endsWith("_TRANSITIVE");
    }

    /** Parses a level name as the REST API spells it, ignoring case. */
    public static Compatibility parse(final String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SchemaRegistryException(422, 42203, "Invalid compatibility level: " + name);
        }
    }
}
