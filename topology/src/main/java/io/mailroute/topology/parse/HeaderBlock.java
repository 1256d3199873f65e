package io.mailroute.topology.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The header fields of a mail or body part in their order, and where the body starts.
 *
 * @param fields     fields in order of appearance
 * @param bodyOffset index of the first body byte in the scanned array
 * @param warnings   what was tolerated while reading (truncations, missing blank line)
 */
public record HeaderBlock(List<HeaderField> fields, int bodyOffset, List<String> warnings) {

    public HeaderBlock {
        fields = List.copyOf(fields);
        warnings = List.copyOf(warnings);
    }

    /** The first field named {@code name} (ASCII case ignored). */
    public Optional<String> first(final String name) {
        for (final HeaderField field : fields) {
            if (field.is(name)) {
                return Optional.of(field.value());
            }
        }
        return Optional.empty();
    }

    /** The first field named {@code name} (ASCII case ignored), or "" when there is none. */
    public String firstOrEmpty(final String name) {
        return first(name).orElse("");
    }

    /** Every field named {@code name}, in order. */
    public List<String> all(final String name) {
        final List<String> values = new ArrayList<>(2);
        for (final HeaderField field : fields) {
            if (field.is(name)) {
                values.add(field.value());
            }
        }
        return values;
    }
}
