package io.mailroute.schemas.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificData;

/**
 * Models for generated record classes with their generated coders switched on: Avro then writes
 * and reads a record field by field in generated code instead of resolving every field and union
 * branch through the schema. The bytes are the same; the generated coders handle the conversions.
 */
final class SpecificModels {
    private static final Map<SpecificData, SpecificData> WITH_CODERS = new ConcurrentHashMap<>();

    private SpecificModels() {}

    static SpecificData withCustomCoders(final SpecificData model) {
        return WITH_CODERS.computeIfAbsent(model, original -> {
            final SpecificData copy = new SpecificData(original.getClassLoader());
            original.getConversions().forEach(copy::addLogicalTypeConversion);
            copy.setCustomCoders(true);
            return copy;
        });
    }
}
