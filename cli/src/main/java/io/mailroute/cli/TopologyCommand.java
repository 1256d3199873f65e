package io.mailroute.cli;

import io.mailroute.runtime.command.ExitCodes;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import io.mailroute.topology.MailTopology;
import io.mailroute.topology.TopologyDiagram;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.TopologyDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailroute topology}: what the Streams application consists of, without starting it. */
@Command(
        name = "topology",
        description = "Describes the mail topology: its sources, processors, stores and sinks.",
        mixinStandardHelpOptions = true)
final class TopologyCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format {
        TEXT,
        MERMAID
    }

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--format",
            defaultValue = "TEXT",
            description = "TEXT (Kafka Streams' description) or MERMAID (a flowchart); case is ignored.")
    private Format format;

    @Override
    public Integer call() {
        final String scope = "topology-command";
        try {
            final TopologyDescription description = MailTopology.build(
                            Map.of("schema.registry.url", SchemaRegistryClients.MOCK_SCHEME + scope))
                    .describe();
            spec.commandLine()
                    .getOut()
                    .print(format == Format.MERMAID ? TopologyDiagram.mermaid(description) : description);
            spec.commandLine().getOut().flush();
        } finally {
            SchemaRegistryClients.dropScope(scope);
        }
        return ExitCodes.OK;
    }
}
