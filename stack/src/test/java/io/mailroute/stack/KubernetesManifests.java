package io.mailroute.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The resources {@code deploy/k8s/kustomization.yaml} applies, read as YAML documents. */
final class KubernetesManifests {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode kustomization;
    private final List<JsonNode> resources;

    private KubernetesManifests(final JsonNode kustomization, final List<JsonNode> resources) {
        this.kustomization = kustomization;
        this.resources = resources;
    }

    static KubernetesManifests read(final Path directory) throws IOException {
        final JsonNode kustomization =
                YAML.readTree(directory.resolve("kustomization.yaml").toFile());
        final List<JsonNode> resources = new ArrayList<>();
        for (final JsonNode file : kustomization.get("resources")) {
            try (var documents = YAML.readerFor(JsonNode.class)
                    .<JsonNode>readValues(directory.resolve(file.asText()).toFile())) {
                documents.readAll().stream()
                        .filter(document -> document != null && document.has("kind"))
                        .forEach(resources::add);
            }
        }
        return new KubernetesManifests(kustomization, resources);
    }

    /** The namespace kustomize puts every resource in. */
    String namespace() {
        return kustomization.get("namespace").asText();
    }

    List<JsonNode> all(final String kind) {
        return resources.stream()
                .filter(r -> r.get("kind").asText().equals(kind))
                .toList();
    }

    /** The one resource of {@code kind}. */
    JsonNode only(final String kind) {
        final List<JsonNode> found = all(kind);
        assertThat(found).as("resources of kind %s", kind).hasSize(1);
        return found.get(0);
    }

    static String name(final JsonNode resource) {
        return resource.get("metadata").get("name").asText();
    }

    /** A string map of the resource, e.g. spec.config of a KafkaTopic or KafkaConnector. */
    static Map<String, String> strings(final JsonNode map) {
        final Map<String, String> strings = new LinkedHashMap<>();
        map.properties().forEach(e -> strings.put(e.getKey(), e.getValue().asText()));
        return strings;
    }
}
