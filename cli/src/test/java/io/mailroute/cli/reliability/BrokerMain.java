package io.mailroute.cli.reliability;

import io.mailroute.embedded.EmbeddedKafka;
import java.nio.file.Path;

/**
 * A KRaft broker in a child JVM: {@code BrokerMain DATA_DIR PORT CONTROLLER_PORT}. Prints
 * {@code BROKER READY} once it serves and runs until killed or until its stdin closes.
 */
public final class BrokerMain {
    static final String READY = "BROKER READY";

    private BrokerMain() {}

    public static void main(final String[] args) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder()
                .dataDir(Path.of(args[0]))
                .port(Integer.parseInt(args[1]))
                .controllerPort(Integer.parseInt(args[2]))
                .start()) {
            System.out.println(READY + " " + kafka.bootstrapServers());
            System.out.flush();
            ChildMains.blockUntilStdinCloses();
        }
    }
}
