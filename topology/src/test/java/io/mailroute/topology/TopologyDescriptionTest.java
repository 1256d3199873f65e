package io.mailroute.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.topology.naming.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.TopologyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shape of the topology is reviewed like code: its description must equal the checked-in
 * {@code topology.txt}, so that a renamed processor, store or internal topic shows in review.
 * A missing snapshot is written and the test fails.
 */
class TopologyDescriptionTest {
    private static final Path SNAPSHOT = Path.of("src/test/resources/topology.txt");
    private static final String SCOPE = "TopologyDescriptionTest";

    @AfterEach
    void dropRegistry() {
        SchemaRegistryClients.dropScope(SCOPE);
    }

    private static Topology build() {
        final Map<String, Object> settings = TestPipeline.settings(SCOPE, Path.of("unused"));
        return MailTopology.build(
                settings,
                MailTopics.create(settings, SchemaRegistryClients.fromConfig(settings), settings),
                TopologyServices.inlineOnly());
    }

    @Test
    void shouldMatchTheCheckedInSnapshot() throws IOException {
        // when
        final String description = build().describe().toString();

        // then
        if (!Files.exists(SNAPSHOT)) {
            Files.writeString(SNAPSHOT, description, StandardCharsets.UTF_8);
            fail("No topology snapshot; wrote " + SNAPSHOT + ": review and commit it");
        }
        assertThat(description).isEqualTo(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
    }

    @Test
    void shouldNameEveryStoreAndInternalTopicExplicitly() {
        // when
        final TopologyDescription description = build().describe();

        final Set<String> stores = new TreeSet<>();
        final Set<String> topics = new TreeSet<>();
        description
                .subtopologies()
                .forEach(s -> s.nodes().forEach(n -> {
                    if (n instanceof TopologyDescription.Processor p) {
                        stores.addAll(p.stores());
                    }
                    if (n instanceof TopologyDescription.Sink sink) {
                        topics.add(sink.topic());
                    }
                }));
        description.globalStores().forEach(g -> stores.addAll(g.processor().stores()));
        // then: literal names, because changelog and repartition topics are named after them
        assertThat(stores)
                .containsExactlyInAnyOrder(
                        "mail-dedup-store",
                        "mail-status-store",
                        "new-pattern-store",
                        "owner-index-store",
                        "retry-waiting-store",
                        "rules-store",
                        "contacts-store",
                        "flood-count-store",
                        "flood-flag-store",
                        "overflow-lane-new-pattern-store",
                        "bounce-ticket-store",
                        "bounce-ticket-expiry-store",
                        "suppression-store",
                        "soft-bounce-store",
                        "unverified-bounce-store",
                        "bounce-rate-store",
                        "sent-count-store");
        assertThat(topics)
                .filteredOn(t -> !t.startsWith("mail."))
                .containsExactlyInAnyOrder(
                        "new-pattern-repartition",
                        "overflow-lane-new-pattern-repartition",
                        "bounce-by-address-repartition",
                        "bounce-rate-scope-repartition",
                        "overflow-lane-bounce-by-address-repartition",
                        "overflow-lane-bounce-rate-scope-repartition",
                        "flood-count-repartition");
    }

    @Test
    void shouldNameEveryNodeThroughTheNodeEnum() {
        // when
        final TopologyDescription description = build().describe();

        // then: the enum names exactly the nodes there are, so every node has its stage
        final Set<String> nodes = new TreeSet<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> nodes.add(n.name())));
        description
                .globalStores()
                .forEach(g ->
                        nodes.addAll(List.of(g.source().name(), g.processor().name())));
        final Set<String> named = new TreeSet<>();
        for (final Node node : Node.values()) {
            named.addAll(node.nodes());
        }
        assertThat(named).isEqualTo(nodes);
    }

    @Test
    void shouldRefuseUnnamedInternalResources() {
        // given: the builder as MailTopology creates it, with naming enforced
        final Map<String, Object> settings = TestPipeline.settings(SCOPE, Path.of("unused"));
        final StreamsBuilder builder =
                new StreamsBuilder(new TopologyConfig(new StreamsConfig(MailStreamsConfig.properties(settings))));

        // when: a store without a name sneaks in
        builder.stream("in").groupByKey().count();

        // then
        assertThatThrownBy(builder::build).isInstanceOf(TopologyException.class);
    }
}
