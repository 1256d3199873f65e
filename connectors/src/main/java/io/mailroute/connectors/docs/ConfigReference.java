package io.mailroute.connectors.docs;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.types.Password;

/** Renders a connector's {@link ConfigDef} as the Markdown table in connectors/README.md. */
public final class ConfigReference {
    private ConfigReference() {}

    /** One table row per key, in group order then declaration order. */
    public static String markdown(final ConfigDef def) {
        final StringBuilder out = new StringBuilder();
        out.append("| key | type | default | valid values | importance | group | description |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        final List<String> groups = def.groups();
        final List<ConfigKey> keys = def.configKeys().values().stream()
                .sorted(Comparator.comparingInt((ConfigKey k) -> k.group == null ? -1 : groups.indexOf(k.group))
                        .thenComparingInt(k -> k.orderInGroup)
                        .thenComparing(k -> k.name))
                .toList();
        for (final ConfigKey key : keys) {
            out.append("| `")
                    .append(key.name)
                    .append("` | ")
                    .append(key.type.name().toLowerCase(Locale.ROOT))
                    .append(" | ")
                    .append(defaultValue(key))
                    .append(" | ")
                    .append(key.validator == null ? "" : escape(key.validator.toString()))
                    .append(" | ")
                    .append(key.importance.name().toLowerCase(Locale.ROOT))
                    .append(" | ")
                    .append(Objects.toString(key.group, ""))
                    .append(" | ")
                    .append(escape(key.documentation))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String defaultValue(final ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "null";
        }
        if (key.defaultValue instanceof Password) {
            return "[hidden]";
        }
        final String text = ConfigDef.convertToString(key.defaultValue, key.type);
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    private static String escape(final String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
