package io.mailroute.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The registry itself: global schema ids, subjects with versions and compatibility levels. Used in
 * process (the {@code mock://} scheme, {@code mailroute classify}) and behind
 * {@code SchemaRegistryServer} in local mode.
 *
 * <p>With a journal file every change is appended as one JSON line and forced to disk before the
 * call returns, so ids stay the same across restarts and kill -9. Like Confluent's registry, the
 * same schema text (in Avro's canonical form) gets the same id in every subject.
 */
public final class LocalSchemaRegistry implements SchemaRegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<RegisteredSchema>> subjects = new LinkedHashMap<>();
    private final Map<String, Compatibility> subjectCompatibility = new HashMap<>();
    private final FileChannel journal;
    private Compatibility globalCompatibility = Compatibility.BACKWARD;
    private int nextId = 1;

    private LocalSchemaRegistry(final FileChannel journal) {
        this.journal = journal;
    }

    /** A registry kept in memory only. */
    public static LocalSchemaRegistry inMemory() {
        return new LocalSchemaRegistry(null);
    }

    /** A registry that replays and appends to {@code journalFile}, creating it when absent. */
    public static LocalSchemaRegistry persistent(final Path journalFile) {
        try {
            Files.createDirectories(journalFile.toAbsolutePath().getParent());
            final LocalSchemaRegistry registry = new LocalSchemaRegistry(FileChannel.open(
                    journalFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
            registry.replay(journalFile);
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open schema journal " + journalFile, e);
        }
    }

    private void replay(final Path journalFile) throws IOException {
        for (final String line : Files.readAllLines(journalFile, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            final JsonNode entry;
            try {
                entry = JSON.readTree(line);
            } catch (IOException e) {
                // a torn last line after kill -9: everything before it was forced to disk
                break;
            }
            switch (entry.path("type").asText()) {
                case "schema" ->
                    apply(
                            entry.get("subject").asText(),
                            entry.get("id").asInt(),
                            new Schema.Parser().parse(entry.get("schema").asText()));
                case "config" ->
                    applyCompatibility(
                            entry.path("subject").isNull()
                                    ? null
                                    : entry.get("subject").asText(),
                            Compatibility.parse(entry.get("compatibility").asText()));
                default -> throw new IllegalStateException("Unknown schema journal entry: " + line);
            }
        }
    }

    @Override
    public synchronized int register(final String subject, final Schema schema) {
        final Optional<RegisteredSchema> existing = find(subject, schema);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        final List<String> violations = compatibility(subject).violations(schema, schemasOf(subject));
        if (!violations.isEmpty()) {
            throw new SchemaRegistryException(
                    409,
                    SchemaRegistryException.INCOMPATIBLE,
                    "Schema being registered is incompatible with an earlier schema for subject \"" + subject + "\" ("
                            + compatibility(subject) + "): " + String.join("; ", violations));
        }
        final String canonical = schema.toString();
        final int id = idsByCanonical.getOrDefault(canonical, nextId);
        append(JSON.createObjectNode()
                .put("type", "schema")
                .put("subject", subject)
                .put("id", id)
                .put("schema", canonical));
        return apply(subject, id, schema).id();
    }

    private RegisteredSchema apply(final String subject, final int id, final Schema schema) {
        idsByCanonical.putIfAbsent(schema.toString(), id);
        schemasById.putIfAbsent(id, schema);
        nextId = Math.max(nextId, id + 1);
        final List<RegisteredSchema> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        final RegisteredSchema registered = new RegisteredSchema(subject, id, versions.size() + 1, schema);
        versions.add(registered);
        return registered;
    }

    private Optional<RegisteredSchema> find(final String subject, final Schema schema) {
        final String canonical = schema.toString();
        return subjects.getOrDefault(subject, List.of()).stream()
                .filter(v -> v.schema().toString().equals(canonical))
                .findFirst();
    }

    private List<Schema> schemasOf(final String subject) {
        return subjects.getOrDefault(subject, List.of()).stream()
                .map(RegisteredSchema::schema)
                .toList();
    }

    @Override
    public synchronized RegisteredSchema lookup(final String subject, final Schema schema) {
        requireSubject(subject);
        return find(subject, schema)
                .orElseThrow(() -> new SchemaRegistryException(
                        404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found under subject " + subject));
    }

    @Override
    public synchronized Schema schemaById(final int id) {
        final Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(
                    404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema latest(final String subject) {
        final List<RegisteredSchema> versions = requireSubject(subject);
        return versions.get(versions.size() - 1);
    }

    @Override
    public synchronized RegisteredSchema version(final String subject, final int version) {
        final List<RegisteredSchema> versions = requireSubject(subject);
        if (version < 1 || version > versions.size()) {
            throw new SchemaRegistryException(
                    404,
                    SchemaRegistryException.VERSION_NOT_FOUND,
                    "Version " + version + " not found for subject " + subject);
        }
        return versions.get(version - 1);
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    @Override
    public synchronized List<Integer> versions(final String subject) {
        return requireSubject(subject).stream().map(RegisteredSchema::version).toList();
    }

    @Override
    public synchronized List<String> violations(final String subject, final Schema schema) {
        return compatibility(subject).violations(schema, schemasOf(subject));
    }

    @Override
    public synchronized Compatibility compatibility(final String subject) {
        return subject == null ? globalCompatibility : subjectCompatibility.getOrDefault(subject, globalCompatibility);
    }

    /** The level set on {@code subject} itself, if any. */
    public synchronized Optional<Compatibility> ownCompatibility(final String subject) {
        return Optional.ofNullable(subjectCompatibility.get(subject));
    }

    @Override
    public synchronized void setCompatibility(final String subject, final Compatibility compatibility) {
        final ObjectNode entry =
                JSON.createObjectNode().put("type", "config").put("compatibility", compatibility.name());
        entry.put("subject", subject);
        append(entry);
        applyCompatibility(subject, compatibility);
    }

    private void applyCompatibility(final String subject, final Compatibility compatibility) {
        if (subject == null) {
            globalCompatibility = compatibility;
        } else {
            subjectCompatibility.put(subject, compatibility);
        }
    }

    private List<RegisteredSchema> requireSubject(final String subject) {
        final List<RegisteredSchema> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaRegistryException(
                    404, SchemaRegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    private void append(final ObjectNode entry) {
        if (journal == null) {
            return;
        }
        try {
            final ByteBuffer line =
                    ByteBuffer.wrap((JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                journal.write(line);
            }
            journal.force(false);
        } catch (IOException e) {
            throw new SchemaRegistryException("Cannot write schema journal", e);
        }
    }

    /** Parses schema text as the REST API receives it, mapping parse errors to Confluent's 42201. */
    public static Schema parse(final String schemaText) {
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (SchemaParseException | NullPointerException e) {
            throw new SchemaRegistryException(
                    422, SchemaRegistryException.INVALID_SCHEMA, "Invalid schema: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
