package io.mailroute.schemas.registry;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.mailroute.avro.DeadLetter;
import io.mailroute.schemas.SampleRecords;
import io.mailroute.schemas.registry.server.SchemaRegistryServer;
import io.mailroute.schemas.serde.AvroDeserializer;
import io.mailroute.schemas.serde.AvroSerializer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST client against the in-process registry server over real HTTP. */
class SchemaRegistryHttpTest {
    private static final String USER_INFO = "mailroute:s3cret";
    private static final Schema V1 = schema("{\"name\":\"id\",\"type\":\"string\"}");
    private static final Schema V2_WITH_DEFAULT =
            schema("{\"name\":\"id\",\"type\":\"string\"}," + "{\"name\":\"n\",\"type\":\"int\",\"default\":0}");
    private static final Schema V2_WITHOUT_DEFAULT =
            schema("{\"name\":\"id\",\"type\":\"string\"}," + "{\"name\":\"n\",\"type\":\"int\"}");

    private static SchemaRegistryServer server;
    private static RestSchemaRegistryClient client;

    @BeforeAll
    static void startServer() throws IOException {
        server = SchemaRegistryServer.start(LocalSchemaRegistry.inMemory(), "127.0.0.1", 0, Optional.of(USER_INFO));
        client = new RestSchemaRegistryClient(settings(server.url(), USER_INFO));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static Schema schema(final String fields) {
        return new Schema.Parser()
                .parse("{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"t\",\"fields\":[" + fields + "]}");
    }

    private static RegistryClientSettings settings(final String url, final String userInfo) {
        final RegistryClientSettings plain = RegistryClientSettings.of(url);
        return new RegistryClientSettings(
                plain.urls(), Optional.ofNullable(userInfo), Optional.empty(), plain.timeout(), plain.latestCacheTtl());
    }

    @Test
    void shouldRegisterLookUpAndListSchemas() {
        // when
        final int id = client.register("things-value", V1);
        final int again = client.register("things-value", V1);
        final int inOtherSubject = client.register("other-things-value", V1);

        // then
        assertThat(again).isEqualTo(id);
        assertThat(inOtherSubject).as("same schema, same global id").isEqualTo(id);
        assertThat(client.schemaById(id)).isEqualTo(V1);
        assertThat(client.lookup("things-value", V1).version()).isEqualTo(1);
        assertThat(client.latest("things-value").id()).isEqualTo(id);
        assertThat(client.version("things-value", 1).schema()).isEqualTo(V1);
        assertThat(client.subjects()).contains("things-value", "other-things-value");
        assertThat(client.versions("things-value")).containsExactly(1);
    }

    @Test
    void shouldEnforceBackwardCompatibility() {
        // given
        client.register("evolving-value", V1);

        // then: a new field with a default is fine, one without is refused with 409
        assertThat(client.isCompatible("evolving-value", V2_WITH_DEFAULT)).isTrue();
        assertThat(client.isCompatible("evolving-value", V2_WITHOUT_DEFAULT)).isFalse();
        assertThat(client.violations("evolving-value", V2_WITHOUT_DEFAULT))
                .singleElement(as(STRING))
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(client.violations("new-subject-value", V2_WITHOUT_DEFAULT)).isEmpty();
        assertThatThrownBy(() -> client.register("evolving-value", V2_WITHOUT_DEFAULT))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("incompatible")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE")
                .satisfies(e ->
                        assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(409));
        assertThat(client.register("evolving-value", V2_WITH_DEFAULT)).isPositive();
        assertThat(client.versions("evolving-value")).containsExactly(1, 2);
    }

    @Test
    void shouldReadAndChangeCompatibilityLevels() {
        assertThat(client.compatibility(null)).isEqualTo(Compatibility.BACKWARD);

        client.setCompatibility("loose-value", Compatibility.NONE);
        client.register("loose-value", V1);

        assertThat(client.compatibility("loose-value")).isEqualTo(Compatibility.NONE);
        assertThat(client.register("loose-value", V2_WITHOUT_DEFAULT)).isPositive();
    }

    @Test
    void shouldReportNotFoundWithConfluentErrorCodes() {
        assertThatThrownBy(() -> client.latest("no-such-subject"))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
        assertThatThrownBy(() -> client.schemaById(99_999))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
    }

    @Test
    void shouldRefuseRequestsWithoutCredentials() {
        final RestSchemaRegistryClient anonymous = new RestSchemaRegistryClient(settings(server.url(), null));

        assertThatThrownBy(anonymous::subjects)
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(401));
    }

    @Test
    void shouldServeSerializersConfiguredLikeConfluentOnes() {
        // given
        final Map<String, Object> config = Map.of(
                "schema.registry.url",
                server.url(),
                "basic.auth.credentials.source",
                "USER_INFO",
                "basic.auth.user.info",
                USER_INFO);
        final AvroSerializer<DeadLetter> serializer = new AvroSerializer<>();
        serializer.configure(config, false);
        final AvroDeserializer<DeadLetter> deserializer = new AvroDeserializer<>(
                new RestSchemaRegistryClient(settings(server.url(), USER_INFO)), DeadLetter.class);

        // when
        final byte[] bytes = serializer.serialize("mail.dlq", SampleRecords.deadLetter());

        // then
        assertThat(deserializer.deserialize("mail.dlq", bytes)).isEqualTo(SampleRecords.deadLetter());
        assertThat(client.latest("mail.dlq-value").schema()).isEqualTo(DeadLetter.getClassSchema());
    }

    @Test
    void shouldFailSerializationClearlyWhenTheRegistryIsDown() {
        final AvroSerializer<DeadLetter> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", "http://127.0.0.1:1"), false);

        assertThatThrownBy(() -> serializer.serialize("mail.dlq", SampleRecords.deadLetter()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void shouldAnswerRawRestCallsWithTheConfluentMediaType() throws Exception {
        final HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/subjects"))
                                .header("Authorization", RestSchemaRegistryClient.basicAuth(USER_INFO))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/vnd.schemaregistry.v1+json");
        assertThat(response.body()).startsWith("[");
    }
}
