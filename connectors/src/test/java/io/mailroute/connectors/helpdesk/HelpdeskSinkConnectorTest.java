package io.mailroute.connectors.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.connectors.delivery.SinkConnectorConfigs;
import io.mailroute.connectors.helpdesk.HelpdeskSinkConfig.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpdeskSinkConnectorTest {
    private static Map<String, String> props() {
        return SinkConnectorConfigs.common(HelpdeskSinkConfig.setter(new HashMap<>()))
                .props();
    }

    private static Map<String, List<String>> errors(final Map<String, String> props) {
        return SinkConnectorConfigs.errors(new HelpdeskSinkConnector(), props);
    }

    @Test
    void shouldAcceptAZendeskAndABacklogConfigWithTheirDefaults() {
        final Map<String, String> zendesk = HelpdeskSinkConfig.setter(props())
                .zendesk("https://example.zendesk.com/", "agent@example.com", "t0ken")
                .props();
        final Map<String, String> backlog = HelpdeskSinkConfig.setter(props())
                .backlog("https://example.backlog.com", "k3y", 10001, 20001)
                .props();

        assertThat(errors(zendesk)).isEmpty();
        assertThat(errors(backlog)).isEmpty();
        final HelpdeskSinkConfig zendeskConfig = new HelpdeskSinkConfig(zendesk);
        assertThat(zendeskConfig.kind()).isEqualTo(Kind.ZENDESK);
        assertThat(zendeskConfig.url()).hasToString("https://example.zendesk.com");
        assertThat(zendeskConfig.token()).isEqualTo("t0ken");
        final HelpdeskSinkConfig backlogConfig = new HelpdeskSinkConfig(backlog);
        assertThat(backlogConfig.kind()).isEqualTo(Kind.BACKLOG);
        assertThat(backlogConfig.projectId()).isEqualTo(10001L);
        assertThat(backlogConfig.closedStatusId()).isEqualTo(4);
        assertThat(backlogConfig.priorityHighId()).isEqualTo(2);
        assertThat(backlogConfig.deliveries().clientConfig()).containsEntry("bootstrap.servers", "kafka:9092");
    }

    @ParameterizedTest
    @ValueSource(strings = {"helpdesk-zendesk.json", "helpdesk-backlog.json"})
    void shouldAcceptTheExampleConfigs(final String file) throws Exception {
        final Map<String, String> config = SinkConnectorConfigs.example(file);

        assertThat(config.get("connector.class")).isEqualTo(HelpdeskSinkConnector.class.getName());
        assertThat(errors(config)).isEmpty();
        new HelpdeskSinkConfig(config);
    }

    @Test
    void shouldRequireTheKeysOfItsKind() {
        final Map<String, String> zendesk = props();
        zendesk.put(HelpdeskSinkConfig.KIND_CONFIG, "Zendesk");
        zendesk.put(HelpdeskSinkConfig.URL_CONFIG, "https://example.zendesk.com");
        zendesk.put(HelpdeskSinkConfig.TOKEN_CONFIG, "t");
        final Map<String, String> backlog = new HashMap<>(zendesk);
        backlog.put(HelpdeskSinkConfig.KIND_CONFIG, "backlog");

        assertThat(errors(zendesk)).containsOnlyKeys(HelpdeskSinkConfig.EMAIL_CONFIG);
        assertThat(errors(backlog))
                .containsOnlyKeys(HelpdeskSinkConfig.PROJECT_ID_CONFIG, HelpdeskSinkConfig.ISSUE_TYPE_ID_CONFIG);
        assertThatThrownBy(() -> new HelpdeskSinkConfig(zendesk)).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new HelpdeskSinkConfig(backlog)).isInstanceOf(ConfigException.class);
    }

    @Test
    void shouldRefuseABadKindUrlOrConverterAndAMissingToken() {
        final Map<String, String> props = props();
        props.put(HelpdeskSinkConfig.KIND_CONFIG, "jira");
        props.put(HelpdeskSinkConfig.URL_CONFIG, "ftp://example.zendesk.com");
        props.put("value.converter", "io.confluent.connect.avro.AvroConverter");

        assertThat(errors(props))
                .containsKeys(
                        HelpdeskSinkConfig.KIND_CONFIG,
                        HelpdeskSinkConfig.URL_CONFIG,
                        HelpdeskSinkConfig.TOKEN_CONFIG,
                        "schema.registry.url");
    }

    @Test
    void shouldMaskTheToken() {
        final Map<String, String> zendesk = HelpdeskSinkConfig.setter(props())
                .zendesk("https://example.zendesk.com", "agent@example.com", "t0ken")
                .props();

        assertThat(new HelpdeskSinkConnector().config().configKeys().get(HelpdeskSinkConfig.TOKEN_CONFIG).type)
                .isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(new HelpdeskSinkConfig(zendesk).toString()).doesNotContain("t0ken");
    }

    @Test
    void shouldGiveEveryTaskTheConnectorsConfig() {
        final Map<String, String> zendesk = HelpdeskSinkConfig.setter(props())
                .zendesk("https://example.zendesk.com", "agent@example.com", "t0ken")
                .props();
        final HelpdeskSinkConnector connector = new HelpdeskSinkConnector();
        connector.start(zendesk);

        assertThat(connector.taskConfigs(3))
                .hasSize(3)
                .allSatisfy(c -> assertThat(c).isEqualTo(zendesk));
        assertThat(connector.taskClass()).isEqualTo(HelpdeskSinkTask.class);
    }
}
