package io.mailroute.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.connectors.delivery.SinkConnectorConfigs;
import io.mailroute.connectors.http.HttpPoster;
import io.mailroute.connectors.webhook.WebhookSinkConfig.Kind;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSinkConnectorTest {
    private static Map<String, String> props() {
        return SinkConnectorConfigs.common(WebhookSinkConfig.setter(new HashMap<>()))
                .props();
    }

    private static Map<String, List<String>> errors(final Map<String, String> props) {
        return SinkConnectorConfigs.errors(new WebhookSinkConnector(), props);
    }

    @Test
    void shouldAcceptAChatAndAnOrderConfigWithTheirDefaults() {
        final Map<String, String> chat = WebhookSinkConfig.setter(props())
                .chat("https://hooks.slack.com/services/T0/B0/x", "https://status.example/")
                .props();
        final Map<String, String> order = WebhookSinkConfig.setter(props())
                .order("https://oms.example/orders", "")
                .props();

        assertThat(errors(chat)).isEmpty();
        assertThat(errors(order)).isEmpty();
        final WebhookSinkConfig chatConfig = new WebhookSinkConfig(chat);
        assertThat(chatConfig.kind()).isEqualTo(Kind.CHAT);
        assertThat(chatConfig.statusUrl()).hasValue("https://status.example");
        assertThat(chatConfig.summaryInterval()).isEqualTo(Duration.ofHours(1));
        final WebhookSinkConfig orderConfig = new WebhookSinkConfig(order);
        assertThat(orderConfig.kind()).isEqualTo(Kind.ORDER);
        assertThat(orderConfig.orderToken()).isEmpty();
        assertThat(orderConfig.deliveries().clientConfig()).containsEntry("bootstrap.servers", "kafka:9092");
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhook-chat.json", "webhook-order.json"})
    void shouldAcceptTheExampleConfigs(final String file) throws Exception {
        final Map<String, String> config = SinkConnectorConfigs.example(file);

        assertThat(config.get("connector.class")).isEqualTo(WebhookSinkConnector.class.getName());
        assertThat(errors(config)).isEmpty();
    }

    @Test
    void shouldRequireTheUrlOfItsKind() {
        final Map<String, String> chat = props();
        chat.put(WebhookSinkConfig.KIND_CONFIG, "chat");
        final Map<String, String> order = props();
        order.put(WebhookSinkConfig.KIND_CONFIG, "order");

        assertThat(errors(chat)).containsOnlyKeys(WebhookSinkConfig.CHAT_URL_CONFIG);
        assertThat(errors(order)).containsOnlyKeys(WebhookSinkConfig.ORDER_URL_CONFIG);
        assertThatThrownBy(() -> new WebhookSinkConfig(chat)).isInstanceOf(ConfigException.class);
    }

    @Test
    void shouldRefuseABadKindUrlOrConverter() {
        final Map<String, String> props = props();
        props.put(WebhookSinkConfig.KIND_CONFIG, "pager");
        props.put(WebhookSinkConfig.ORDER_URL_CONFIG, "ftp://oms.example/");
        props.put(WebhookSinkConfig.STATUS_URL_CONFIG, "not a url");
        props.put("value.converter", "io.confluent.connect.avro.AvroConverter");

        assertThat(errors(props))
                .containsKeys(
                        WebhookSinkConfig.KIND_CONFIG,
                        WebhookSinkConfig.ORDER_URL_CONFIG,
                        WebhookSinkConfig.STATUS_URL_CONFIG,
                        "schema.registry.url");
    }

    @Test
    void shouldReadRetryAfterAsSecondsOrAnHttpDate() {
        assertThat(HttpPoster.retryAfter("120")).hasValue(Duration.ofMinutes(2));
        assertThat(HttpPoster.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).hasValue(Duration.ZERO);
        assertThat(HttpPoster.retryAfter("soon")).isEmpty();
    }
}
