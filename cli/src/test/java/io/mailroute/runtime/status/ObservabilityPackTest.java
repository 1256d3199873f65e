package io.mailroute.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shape of the observability files; {@code ObservabilityPackIT} holds their metric names to a live scrape. */
class ObservabilityPackTest {
    private static ObservabilityPack pack;

    @BeforeAll
    static void read() throws Exception {
        pack = ObservabilityPack.read();
    }

    @Test
    void shouldBeAnImportableDashboardOfPrometheusQueries() {
        assertThat(pack.dashboard.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
        assertThat(pack.dashboard.get("__inputs")).anySatisfy(input -> {
            assertThat(input.get("name").asText()).isEqualTo("DS_PROMETHEUS");
            assertThat(input.get("pluginId").asText()).isEqualTo("prometheus");
        });
        final List<JsonNode> queried = pack.panels().stream()
                .filter(panel -> !"row".equals(panel.get("type").asText()))
                .toList();
        assertThat(queried).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.at("/datasource/uid").asText()).isEqualTo("${DS_PROMETHEUS}");
            assertThat(panel.get("targets"))
                    .isNotEmpty()
                    .allSatisfy(
                            target -> assertThat(target.get("expr").asText()).isNotBlank());
        });
        assertThat(pack.dashboardExpressions()).doesNotHaveDuplicates();
    }

    @Test
    void shouldDefineEveryAlertCompletely() {
        assertThat(pack.alertRules())
                .extracting(rule -> rule.get("alert").asText())
                .containsExactlyInAnyOrder(
                        "MailrouteDeadLettersGrowing",
                        "MailrouteRetryBacklog",
                        "MailrouteStreamsNotRunning",
                        "MailrouteOldUnprocessedObjects",
                        "MailrouteDeliveryFailures");
        assertThat(pack.alertRules()).allSatisfy(rule -> {
            assertThat(rule.path("expr").asText()).isNotBlank();
            assertThat(rule.path("for").asText()).matches("\\d+[smh]");
            assertThat(rule.at("/labels/severity").asText()).isIn("warning", "critical");
            assertThat(rule.at("/annotations/summary").asText()).isNotBlank();
        });
    }

    @Test
    void shouldApplyTheSameRulesAsAPrometheusRule() {
        assertThat(pack.prometheusRule.get("kind").asText()).isEqualTo("PrometheusRule");
        assertThat(pack.prometheusRule.get("spec")).isEqualTo(pack.rules);
    }

    @Test
    void shouldReadConnectSeriesOnlyFromTheExporterRules() throws Exception {
        assertThat(pack.exporterNames()).allMatch(name -> name.startsWith(ObservabilityPack.CONNECT_PREFIX));
        assertThat(pack.metricNames())
                .filteredOn(name -> name.startsWith(ObservabilityPack.CONNECT_PREFIX))
                .isNotEmpty()
                .allSatisfy(name -> assertThat(pack.exporterNames()).contains(name));
    }
}
