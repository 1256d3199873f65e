package io.mailroute.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Runs an {@link EmbeddedKafka} in a child JVM for {@link EmbeddedKafkaKillIT}: starts on the data
 * directory given as the only argument, commits {@link #RECORDS} records in a transaction, prints
 * {@code READY} and then waits to be killed (run by {@link ChildJvm}).
 */
public final class KafkaChildProcess {
    static final String TOPIC = "survives-kill";
    static final int RECORDS = 20;

    private KafkaChildProcess() {}

    public static void main(final String[] args) throws Exception {
        final EmbeddedKafka kafka =
                EmbeddedKafka.builder().dataDir(Path.of(args[0])).start();
        kafka.createTopics(new NewTopic(TOPIC, 2, (short) 1));
        final Map<String, String> records = new LinkedHashMap<>();
        for (int i = 0; i < RECORDS; i++) {
            records.put("key-" + i, "value-" + i);
        }
        KafkaRecords.sendInTransaction(kafka.bootstrapServers(), "child-tx", TOPIC, records, true);
        KafkaRecords.readCommitted(kafka.bootstrapServers(), "child-group", TOPIC, RECORDS / 2);
        System.out.println("READY " + kafka.bootstrapServers());
        System.out.flush();
        ChildMain.parkUntilExit();
    }
}
