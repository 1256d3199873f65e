package io.mailroute.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterFileTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheProcessesInTheIssuesShapeAndReadThemBack() throws Exception {
        // given
        final ClusterFile processes = new ClusterFile(
                List.of(new ClusterFile.Broker(1, 101, 9092), new ClusterFile.Broker(2, 102, 40001)),
                List.of(new ClusterFile.Worker(201, "http://127.0.0.1:8083/")),
                List.of(new ClusterFile.Instance(301, "http://127.0.0.1:8080/")));

        // when
        final Path file = processes.write(dir);

        // then
        final JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertThat(file).isEqualTo(dir.resolve("cluster.json"));
        assertThat(json.fieldNames()).toIterable().containsExactly("brokers", "workers", "instances");
        assertThat(json.get("brokers").get(1).fieldNames()).toIterable().containsExactly("id", "pid", "port");
        assertThat(json.get("brokers").get(1).get("port").asInt()).isEqualTo(40001);
        assertThat(json.get("workers").get(0).fieldNames()).toIterable().containsExactly("pid", "url");
        assertThat(json.get("instances").get(0).fieldNames()).toIterable().containsExactly("pid", "statusUrl");
        assertThat(json.get("instances").get(0).get("statusUrl").asText()).isEqualTo("http://127.0.0.1:8080/");
        assertThat(ClusterFile.read(dir)).isEqualTo(processes);
        assertThat(dir.resolve("cluster.json.partial")).doesNotExist();
    }
}
