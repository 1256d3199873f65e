package io.mailroute.connectors.common;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Accepts an absolute http or https URL, or the empty string. */
public final class HttpUrlValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(final String name, final Object value) {
        final String text = value == null
                ? ""
                : value instanceof Password p
                        ? p.value().trim()
                        : value.toString().trim();
        if (text.isEmpty()) {
            return;
        }
        try {
            final URI uri = URI.create(text);
            if (uri.getScheme() == null
                    || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw new ConfigException(
                        name, value instanceof Password ? "[hidden]" : value, "must be an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value instanceof Password ? "[hidden]" : value, "is not a URL");
        }
    }

    @Override
    public String toString() {
        return "empty or an http(s) URL";
    }
}
