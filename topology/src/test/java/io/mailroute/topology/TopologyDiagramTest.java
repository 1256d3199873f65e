package io.mailroute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

class TopologyDiagramTest {

    @Test
    void shouldDrawTopicsProcessorsAndStores() {
        // given
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("read-in"))
                .mapValues(v -> v, Named.as("same"))
                .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("write-out"));
        builder.table(
                "table-in", Consumed.with(Serdes.String(), Serdes.String()).withName("t"), Materialized.as("a-store"));

        // when
        final String diagram = TopologyDiagram.mermaid(builder.build().describe());

        // then
        assertThat(diagram)
                .startsWith("flowchart LR\n")
                .contains("subgraph sub0[\"sub-topology 0\"]", "[\"read-in\"]", "[\"same\"]", "[\"write-out\"]")
                .contains("([\"in\"])", "([\"out\"])", "[(\"a-store\")]")
                .containsPattern("n\\d+ --> n\\d+")
                .containsPattern("n\\d+ -\\.- n\\d+");
    }
}
