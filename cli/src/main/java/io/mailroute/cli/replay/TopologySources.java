package io.mailroute.cli.replay;

import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.topology.MailTopology;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;

/** The topics the mail topology consumes through its consumer group (global store topics excluded). */
public final class TopologySources {
    private TopologySources() {}

    /** Source topics for these {@code mailroute.*} settings (topic names and prefix). */
    public static Set<String> of(final Map<String, String> application) {
        final String scope = "replay-topology-sources";
        final Map<String, Object> settings = new HashMap<>(application);
        settings.put("schema.registry.url", SchemaRegistryClients.MOCK_SCHEME + scope);
        try {
            final Set<String> topics = new TreeSet<>();
            for (final TopologyDescription.Subtopology sub :
                    MailTopology.build(settings).describe().subtopologies()) {
                for (final TopologyDescription.Node node : sub.nodes()) {
                    if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                        topics.addAll(source.topicSet());
                    }
                }
            }
            return topics;
        } finally {
            SchemaRegistryClients.dropScope(scope);
        }
    }
}
