package io.mailroute.runtime.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The observability files of {@code deploy/}: the Grafana dashboard, the Prometheus alert rules and
 * their PrometheusRule resource, and the JMX exporter rules of the Connect workers.
 */
final class ObservabilityPack {
    /** The prefix of the series the Connect workers' JMX exporter exports; the app's never have it. */
    static final String CONNECT_PREFIX = "mailroute_connect_";

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    final JsonNode dashboard;
    final JsonNode rules;
    final JsonNode prometheusRule;
    final JsonNode connectMetrics;

    private ObservabilityPack(
            final JsonNode dashboard,
            final JsonNode rules,
            final JsonNode prometheusRule,
            final JsonNode connectMetrics) {
        this.dashboard = dashboard;
        this.rules = rules;
        this.prometheusRule = prometheusRule;
        this.connectMetrics = connectMetrics;
    }

    static ObservabilityPack read() throws IOException {
        return new ObservabilityPack(
                JSON.readTree(DEPLOY.resolve("grafana/mailroute.json").toFile()),
                YAML.readTree(DEPLOY.resolve("prometheus/mailroute-rules.yaml").toFile()),
                YAML.readTree(
                        DEPLOY.resolve("k8s/mailroute-prometheusrule.yaml").toFile()),
                firstOfKind(DEPLOY.resolve("k8s/connect-metrics.yaml"), "ConfigMap"));
    }

    /** Every panel, rows' nested panels included. */
    List<JsonNode> panels() {
        final List<JsonNode> panels = new ArrayList<>();
        for (final JsonNode panel : dashboard.get("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    List<String> dashboardExpressions() {
        final List<String> expressions = new ArrayList<>();
        panels().forEach(panel ->
                panel.path("targets").forEach(t -> expressions.add(t.get("expr").asText())));
        return expressions;
    }

    List<JsonNode> alertRules() {
        final List<JsonNode> alerts = new ArrayList<>();
        rules.get("groups").forEach(group -> group.get("rules").forEach(alerts::add));
        return alerts;
    }

    /** The metric names every dashboard query and every alert expression reads. */
    Set<String> metricNames() {
        final Set<String> names = new TreeSet<>();
        dashboardExpressions().forEach(e -> names.addAll(PromQlMetricNames.of(e)));
        alertRules()
                .forEach(rule ->
                        names.addAll(PromQlMetricNames.of(rule.get("expr").asText())));
        return names;
    }

    /** The JMX exporter's rules for the Connect workers. */
    JsonNode exporterRules() throws IOException {
        return YAML.readTree(connectMetrics.at("/data/metrics-config.yml").asText())
                .get("rules");
    }

    /** The names the JMX exporter gives what its rules match. */
    Set<String> exporterNames() throws IOException {
        final Set<String> names = new TreeSet<>();
        exporterRules().forEach(rule -> names.add(rule.get("name").asText()));
        return names;
    }

    private static JsonNode firstOfKind(final Path file, final String kind) throws IOException {
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            return documents.readAll().stream()
                    .filter(d -> d != null && kind.equals(d.path("kind").asText()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(file + " has no " + kind));
        }
    }
}
