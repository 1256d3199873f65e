package io.mailroute.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.connectors.s3.S3MailSourceConnector;
import io.mailroute.runtime.client.LocalDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldShipTheS3MailConnectorFileInTheJar() throws IOException {
        try (InputStream in = LocalStack.class.getResourceAsStream("/mailroute/connectors/s3-mail.json")) {
            assertThat(in).as("ops/connectors/s3-mail.json on the class path").isNotNull();
            final Map<String, String> config = LocalStack.connectorConfig(JSON.readTree(in));

            assertThat(config).containsEntry("connector.class", S3MailSourceConnector.class.getName())
                    .containsEntry("s3.bucket", LocalDefaults.BUCKET)
                    .containsEntry("s3.prefix", LocalDefaults.PREFIX)
                    .containsEntry("s3.access.key.id", LocalDefaults.S3_ACCESS_KEY)
                    .containsEntry("s3.secret.access.key", LocalDefaults.S3_SECRET_KEY);
        }
    }

    @Test
    void shouldRejectAConnectorFileWithoutConfig() {
        assertThatThrownBy(() -> LocalStack.connectorConfig(JSON.readTree("{\"name\": \"organizations\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"config\"");
    }
}
