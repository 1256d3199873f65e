package io.mailroute.connectors.common;

import java.util.Map;

/**
 * The fluent builder of connector properties every connector's {@code Setter} extends, for tests and
 * tools: any key, the schema registry and the converters. Its methods return the connector's own
 * setter {@code S}, so calls to the shared and the connector's keys chain in any order.
 */
public abstract class ConnectorSetter<S extends ConnectorSetter<S>> {
    private final Map<String, String> props;

    protected ConnectorSetter(final Map<String, String> props) {
        this.props = props;
    }

    /** This setter as the connector's own type: each declares {@code Setter extends ConnectorSetter<Setter>}. */
    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    public S set(final String key, final Object value) {
        props.put(key, String.valueOf(value));
        return self();
    }

    public S registryUrl(final String url) {
        return set(RegistryConfig.URL_CONFIG, url);
    }

    /** Key and value converters the connector requires: the key is a string, the value Avro bytes as written. */
    public S converters() {
        return set("key.converter", "org.apache.kafka.connect.storage.StringConverter")
                .set(RegistryConfig.VALUE_CONVERTER_CONFIG, RegistryConfig.REQUIRED_VALUE_CONVERTER);
    }

    public Map<String, String> props() {
        return props;
    }
}
