package io.mailroute.schemas.registry;

import java.io.Closeable;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry REST API mailroute uses. Implemented over HTTP by
 * {@link RestSchemaRegistryClient} (Confluent, Apicurio ccompat, Karapace) and in process by
 * {@link LocalSchemaRegistry}.
 *
 * <p>All methods throw {@link SchemaRegistryException} with the registry's error code when the
 * registry refuses a request, and when it cannot be reached.
 */
public interface SchemaRegistryClient extends Closeable {

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
    int register(String subject, Schema schema);

    /** Returns the id of {@code schema} if it is registered under {@code subject}. */
    RegisteredSchema lookup(String subject, Schema schema);

    /** Returns the schema with the given global id. */
    Schema schemaById(int id);

    /** Returns the newest version registered under {@code subject}. */
    RegisteredSchema latest(String subject);

    /** Returns one version of {@code subject}. */
    RegisteredSchema version(String subject, int version);

    /** Lists the registered subjects. */
    List<String> subjects();

    /** Lists the versions registered under {@code subject}. */
    List<Integer> versions(String subject);

    /**
     * Why {@code schema} may not be registered under {@code subject} given the subject's compatibility
     * level (the registry's own messages); empty when it may, or when the subject has no version yet.
     */
    List<String> violations(String subject, Schema schema);

    /** Tells whether {@code schema} may be registered under {@code subject} given its compatibility level. */
    default boolean isCompatible(final String subject, final Schema schema) {
        return violations(subject, schema).isEmpty();
    }

    /** Returns the compatibility level that applies to {@code subject} (its own, else the global one). */
    Compatibility compatibility(String subject);

    /** Sets the compatibility level of {@code subject}, or the global level when {@code subject} is null. */
    void setCompatibility(String subject, Compatibility compatibility);

    @Override
    default void close() {}
}
