package io.mailroute.connectors.common;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Config values that name an enum constant in lower case ({@code after.read=move}, {@code smtp.security=smtps}). */
public final class LowerCaseEnums {
    private LowerCaseEnums() {}

    /** The constant {@code value} names, in any case, surrounding blanks ignored. */
    public static <E extends Enum<E>> E parse(final Class<E> type, final String value) {
        return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    }

    /** Accepts the lower-case names of {@code type}'s constants (in any case), and documents them. */
    public static <E extends Enum<E>> ConfigDef.Validator validator(final Class<E> type) {
        final List<String> names = Arrays.stream(type.getEnumConstants())
                .map(v -> v.name().toLowerCase(Locale.ROOT))
                .toList();
        return ConfigDef.LambdaValidator.with(
                (name, value) -> {
                    if (value == null || !names.contains(value.toString().trim().toLowerCase(Locale.ROOT))) {
                        throw new ConfigException(name, value, "must be one of " + String.join(", ", names));
                    }
                },
                () -> "one of " + String.join(", ", names));
    }
}
