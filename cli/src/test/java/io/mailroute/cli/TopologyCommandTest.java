package io.mailroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopologyCommandTest {

    @Test
    void shouldDescribeTheTopologyAsText() {
        final CommandRun run = CommandRun.of("topology");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("Topologies:")
                .contains("Processor: classify-mail", "Sink: notify-sink (topic: mail.notify)");
    }

    @Test
    void shouldDrawTheTopologyAsAMermaidFlowchart() {
        final CommandRun run = CommandRun.of("topology", "--format", "mermaid");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("flowchart LR")
                .contains("[\"classify-mail\"]", "([\"mail.raw\"])", "[(\"mail-dedup-store\")]");
    }
}
