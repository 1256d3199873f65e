package io.mailroute.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.topology.bounce.pipeline.BounceStage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        return MailTopology.build(settings, MailTopics.create(settings, SchemaRegistryClients.fromConfig(settings), settings),
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

        // then
        final Set<String> stores = new TreeSet<>();
        final Set<String> topics = new TreeSet<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> {
            if (n instanceof TopologyDescription.Processor p) {
                stores.addAll(p.stores());
            }
            if (n instanceof TopologyDescription.Sink sink) {
                topics.add(sink.topic());
            }
        }));
        description.globalStores().forEach(g -> stores.addAll(g.processor().stores()));
        assertThat(stores).containsExactlyInAnyOrder(MailTopology.DEDUP_STORE, MailTopology.STATUS_STORE, MailTopology.NEW_PATTERN_STORE,
                MailTopology.OWNER_INDEX_STORE, MailTopology.RETRY_STORE, MailTopology.RULES_STORE, MailTopology.FLOOD_COUNT_STORE,
                MailTopology.FLOOD_FLAG_STORE, MailTopology.OVERFLOW_PREFIX + MailTopology.NEW_PATTERN_STORE, BounceStage.TICKET_STORE,
                BounceStage.TICKET_EXPIRY_STORE, BounceStage.SUPPRESSION_STORE, BounceStage.SOFT_BOUNCE_STORE,
                BounceStage.UNVERIFIED_BOUNCE_STORE, BounceStage.RATE_STORE);
        assertThat(topics).filteredOn(t -> !t.startsWith("mail.")).containsExactlyInAnyOrder("new-pattern-repartition",
                MailTopology.OVERFLOW_PREFIX + "new-pattern-repartition", BounceStage.BY_ADDRESS + "-repartition",
                BounceStage.BY_SCOPE + "-repartition", MailTopology.OVERFLOW_PREFIX + BounceStage.BY_ADDRESS + "-repartition",
                MailTopology.OVERFLOW_PREFIX + BounceStage.BY_SCOPE + "-repartition", MailTopology.FLOOD_GROUPING + "-repartition");
    }

    @Test
    void shouldRefuseUnnamedInternalResources() {
        // given: the builder as MailTopology creates it, with naming enforced
        final Map<String, Object> settings = TestPipeline.settings(SCOPE, Path.of("unused"));
        final StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(MailStreamsConfig.properties(settings))));

        // when: a store without a name sneaks in
        builder.stream("in").groupByKey().count();

        // then
        assertThatThrownBy(builder::build).isInstanceOf(TopologyException.class);
    }
}
