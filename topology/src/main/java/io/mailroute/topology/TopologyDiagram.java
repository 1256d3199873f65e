package io.mailroute.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;

/**
 * A Mermaid flowchart of a topology description: topics as stadiums, processors as boxes, state
 * stores as cylinders, one subgraph per sub-topology, so that {@code mailroute topology --format
 * mermaid} renders in any Markdown viewer that knows Mermaid.
 */
public final class TopologyDiagram {
    private TopologyDiagram() {}

    public static String mermaid(final TopologyDescription description) {
        final Map<String, String> ids = new LinkedHashMap<>();
        final List<String> lines = new ArrayList<>();
        final Set<String> topics = new TreeSet<>();
        final Set<String> stores = new TreeSet<>();
        final Set<String> edges = new LinkedHashSet<>();
        lines.add("flowchart LR");
        for (final TopologyDescription.Subtopology sub : description.subtopologies()) {
            lines.add("  subgraph sub" + sub.id() + "[\"sub-topology " + sub.id() + "\"]");
            for (final TopologyDescription.Node node : sub.nodes()) {
                lines.add("    " + id(ids, "node:" + node.name()) + "[\"" + node.name() + "\"]");
                describe(node, ids, topics, stores, edges);
            }
            lines.add("  end");
        }
        for (final TopologyDescription.GlobalStore global : description.globalStores()) {
            lines.add("  subgraph global" + global.id() + "[\"global store " + global.id() + "\"]");
            lines.add("    " + id(ids, "node:" + global.source().name()) + "[\""
                    + global.source().name() + "\"]");
            lines.add("    " + id(ids, "node:" + global.processor().name()) + "[\""
                    + global.processor().name() + "\"]");
            lines.add("  end");
            describe(global.source(), ids, topics, stores, edges);
            describe(global.processor(), ids, topics, stores, edges);
        }
        topics.forEach(t -> lines.add("  " + id(ids, "topic:" + t) + "([\"" + t + "\"])"));
        stores.forEach(s -> lines.add("  " + id(ids, "store:" + s) + "[(\"" + s + "\")]"));
        edges.forEach(e -> lines.add("  " + e));
        return String.join("\n", lines) + "\n";
    }

    private static void describe(
            final TopologyDescription.Node node,
            final Map<String, String> ids,
            final Set<String> topics,
            final Set<String> stores,
            final Set<String> edges) {
        final String self = id(ids, "node:" + node.name());
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
            for (final String topic : source.topicSet()) {
                topics.add(topic);
                edges.add(id(ids, "topic:" + topic) + " --> " + self);
            }
        }
        if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
            topics.add(sink.topic());
            edges.add(self + " --> " + id(ids, "topic:" + sink.topic()));
        }
        if (node instanceof TopologyDescription.Processor processor) {
            for (final String store : processor.stores()) {
                stores.add(store);
                edges.add(self + " -.- " + id(ids, "store:" + store));
            }
        }
        for (final TopologyDescription.Node successor : node.successors()) {
            edges.add(self + " --> " + id(ids, "node:" + successor.name()));
        }
    }

    /** A Mermaid-safe id per thing, stable in order of first use. */
    private static String id(final Map<String, String> ids, final String key) {
        return ids.computeIfAbsent(key, k -> "n" + ids.size());
    }
}
