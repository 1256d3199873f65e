package io.mailroute.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.connectors.s3.S3MailSourceConnector;
import io.mailroute.runtime.client.LocalDefaults;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ConnectorFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldShipTheS3MailConnectorFileInTheJar() throws IOException {
        final ConnectorFile file = ConnectorFile.s3Mail();

        assertThat(file.name()).isEqualTo(MailrouteStack.S3_CONNECTOR);
        assertThat(file.config())
                .containsEntry("connector.class", S3MailSourceConnector.class.getName())
                .containsEntry("s3.bucket", LocalDefaults.BUCKET)
                .containsEntry("s3.prefix", LocalDefaults.PREFIX)
                .containsEntry("s3.access.key.id", LocalDefaults.S3_ACCESS_KEY)
                .containsEntry("s3.secret.access.key", LocalDefaults.S3_SECRET_KEY);
        assertThat(file.tasks()).isEqualTo(2);
    }

    @Test
    void shouldNameAConnectorFileWithoutNameByDefault() throws IOException {
        final ConnectorFile file =
                ConnectorFile.of(JSON.readTree("{\"config\": {\"tasks.max\": \"1\"}}"), "organizations");

        assertThat(file.name()).isEqualTo("organizations");
        assertThat(file.config()).containsEntry("tasks.max", "1");
    }

    @Test
    void shouldRejectAConnectorFileWithoutConfig() {
        assertThatThrownBy(() -> ConnectorFile.of(JSON.readTree("{\"name\": \"organizations\"}"), "organizations"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"config\"");
    }
}
