package io.mailroute.schemas.registry;

import io.mailroute.schemas.serde.AvroSerdeConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates registry clients from serde properties. {@code mock://<scope>} URLs give an in-process
 * {@link LocalSchemaRegistry} shared by every serde configured with the same scope, for tests and
 * for {@code mailroute classify}; {@link #dropScope(String)} forgets one.
 */
public final class SchemaRegistryClients {
    public static final String MOCK_SCHEME = "mock://";

    private static final Map<String, LocalSchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private SchemaRegistryClients() {}

    /** A client for the registry named by {@code schema.registry.url} in {@code serdeConfig}. */
    public static SchemaRegistryClient fromConfig(final Map<String, ?> serdeConfig) {
        final AvroSerdeConfig config = new AvroSerdeConfig(serdeConfig);
        final List<String> urls = config.registryUrls();
        if (urls.size() == 1 && urls.get(0).startsWith(MOCK_SCHEME)) {
            return scope(urls.get(0).substring(MOCK_SCHEME.length()));
        }
        return new RestSchemaRegistryClient(config.clientSettings());
    }

    /** The in-process registry of a mock scope, created on first use. */
    public static LocalSchemaRegistry scope(final String scope) {
        return SCOPES.computeIfAbsent(scope, s -> LocalSchemaRegistry.inMemory());
    }

    /** Forgets a mock scope so that the next test starts with an empty registry. */
    public static void dropScope(final String scope) {
        SCOPES.remove(scope);
    }
}
