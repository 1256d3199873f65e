package io.mailroute.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/** One version of a subject: what {@code GET /subjects/{s}/versions/{v}} returns. */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {
    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
