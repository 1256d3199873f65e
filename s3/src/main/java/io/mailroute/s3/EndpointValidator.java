package io.mailroute.s3;

import java.net.URI;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts an empty endpoint override (the AWS endpoint of the region) or an absolute http(s) URL. */
public final class EndpointValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(final String name, final Object value) {
        final String text = value == null ? "" : value.toString();
        if (text.isBlank()) {
            return;
        }
        try {
            final URI uri = URI.create(text.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException(name, value, "must be an http(s) URL such as http://127.0.0.1:9000");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, "is not a URL: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "empty or an http(s) URL";
    }
}
