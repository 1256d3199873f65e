package io.mailroute.runtime.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mailroute.runtime.client.LocalDefaults;
import io.mailroute.runtime.command.CommandEnvironment;
import io.mailroute.runtime.command.MailrouteRuntime;
import io.mailroute.schemas.topics.MailTopic;
import io.mailroute.schemas.topics.TopicNames;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import picocli.CommandLine;

/**
 * docker-compose.yml cannot run here (no Docker), so this test holds it to the app's own settings:
 * ports against {@link LocalDefaults}, the environment variables the commands read, topic and bucket
 * names, the Connect plugin directory the connectors module builds, the compose connector config,
 * and the image: the runtime jar alone, whose commands the services run.
 */
class ComposeFileTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path root;
    private static JsonNode services;

    @BeforeAll
    static void readComposeFile() throws Exception {
        root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
        services = YAML.readTree(root.resolve("docker-compose.yml").toFile()).get("services");
    }

    private static JsonNode service(final String name) {
        assertThat(services.has(name))
                .as("service %s in docker-compose.yml", name)
                .isTrue();
        return services.get(name);
    }

    /** The published host ports of a service, by container port. */
    private static List<String> ports(final String name) {
        final List<String> ports = new ArrayList<>();
        service(name).get("ports").forEach(p -> ports.add(p.asText()));
        return ports;
    }

    private static String env(final String service, final String name) {
        final JsonNode value = service(service).get("environment").get(name);
        assertThat(value).as("%s of service %s", name, service).isNotNull();
        return value.asText();
    }

    @Test
    void publishesTheLocalModePortsAndGivesKafkaUiItsOwn() {
        assertThat(ports("kafka")).containsExactly(LocalDefaults.KAFKA_PORT + ":" + LocalDefaults.KAFKA_PORT);
        assertThat(ports("schema-registry"))
                .containsExactly(LocalDefaults.REGISTRY_PORT + ":" + LocalDefaults.REGISTRY_PORT);
        assertThat(ports("minio")).contains(LocalDefaults.S3_PORT + ":" + LocalDefaults.S3_PORT);
        assertThat(ports("connect")).containsExactly(LocalDefaults.CONNECT_PORT + ":" + LocalDefaults.CONNECT_PORT);
        assertThat(ports("mailroute")).containsExactly(LocalDefaults.STATUS_PORT + ":" + LocalDefaults.STATUS_PORT);
        assertThat(ports("kafka-ui")).containsExactly("8088:8080");
        assertThat(env("kafka", "KAFKA_ADVERTISED_LISTENERS")).contains("localhost:" + LocalDefaults.KAFKA_PORT);
    }

    @Test
    void theAppAndItsJobsAreConfiguredOnlyThroughVariablesTheCommandsRead() {
        final Set<String> read = CommandEnvironment.variablesTheCommandsRead();
        assertThat(read)
                .contains(
                        "MAILROUTE_BOOTSTRAP_SERVER",
                        "MAILROUTE_SCHEMA_REGISTRY",
                        "MAILROUTE_S3_ENDPOINT",
                        "MAILROUTE_S3_BUCKET");
        for (final String name : List.of("mailroute", "topics-init")) {
            final Set<String> given = new HashSet<>();
            service(name).get("environment").fieldNames().forEachRemaining(given::add);
            assertThat(read).as("variables of %s the commands read", name).containsAll(given);
            assertThat(given)
                    .contains("MAILROUTE_BOOTSTRAP_SERVER", "MAILROUTE_SCHEMA_REGISTRY", "MAILROUTE_S3_ENDPOINT");
            assertThat(env(name, "MAILROUTE_S3_BUCKET")).isEqualTo(LocalDefaults.BUCKET);
            assertThat(env(name, "MAILROUTE_S3_ACCESS_KEY_ID")).isEqualTo(LocalDefaults.S3_ACCESS_KEY);
            assertThat(env(name, "MAILROUTE_S3_SECRET_ACCESS_KEY")).isEqualTo(LocalDefaults.S3_SECRET_KEY);
        }
        assertThat(service("mailroute").get("command").get(0).asText()).isEqualTo("run");
        assertThat(service("topics-init").get("command").toString()).isEqualTo("[\"topics\",\"apply\"]");
    }

    @Test
    void minioHasTheLocalCredentialsAndTheInitJobCreatesTheBucket() {
        assertThat(env("minio", "MINIO_ROOT_USER")).isEqualTo(LocalDefaults.S3_ACCESS_KEY);
        assertThat(env("minio", "MINIO_ROOT_PASSWORD")).isEqualTo(LocalDefaults.S3_SECRET_KEY);
        assertThat(service("minio-init").get("entrypoint").toString())
                .contains("mc mb --ignore-existing local/" + LocalDefaults.BUCKET)
                .contains(LocalDefaults.S3_ACCESS_KEY + " " + LocalDefaults.S3_SECRET_KEY);
    }

    @Test
    void kafkaAndConnectRunThePinnedKafkaVersion() throws Exception {
        final String kafkaVersion = Poms.property(root.resolve("pom.xml"), "kafka.version");
        assertThat(service("kafka").get("image").asText()).isEqualTo("apache/kafka:" + kafkaVersion);
        assertThat(service("connect").get("image").asText()).isEqualTo("apache/kafka:" + kafkaVersion);
    }

    @Test
    void connectMountsThePluginDirectoryTheConnectorsModuleBuildsOnItsPluginPath() throws Exception {
        final Element pom = Poms.read(root.resolve("connectors/pom.xml"));
        final String artifactId = Poms.child(pom, "artifactId");
        final String version =
                Poms.child((Element) pom.getElementsByTagName("parent").item(0), "version");
        final String pluginDir = "./connectors/target/" + artifactId + "-" + version + "-plugin";
        final Properties worker = new Properties();
        try (InputStream in = new FileInputStream(
                root.resolve("ops/compose/connect-distributed.properties").toFile())) {
            worker.load(in);
        }
        final List<String> volumes = new ArrayList<>();
        service("connect").get("volumes").forEach(v -> volumes.add(v.asText()));
        assertThat(volumes).contains(pluginDir + ":" + worker.getProperty("plugin.path") + ":ro");
        assertThat(volumes).anySatisfy(v -> assertThat(v).startsWith("./ops/compose/connect-distributed.properties:"));
        assertThat(worker.getProperty("group.id")).isEqualTo("mailroute-connect");
        assertThat(worker.getProperty("bootstrap.servers")).isEqualTo(env("mailroute", "MAILROUTE_BOOTSTRAP_SERVER"));
        assertThat(Files.readString(root.resolve("connectors/src/assembly/plugin.xml")))
                .contains("<baseDirectory>${project.artifactId}-${project.version}</baseDirectory>");
    }

    @Test
    void theComposeConnectorConfigIsTheLocalOneWithComposeHostNames() throws Exception {
        final JsonNode local = JSON.readTree(
                        root.resolve("ops/connectors/s3-mail.json").toFile())
                .get("config");
        final JsonNode compose =
                JSON.readTree(root.resolve("ops/compose/s3-mail.json").toFile());
        final TopicNames names = TopicNames.defaults();
        assertThat(compose.get("topic").asText()).isEqualTo(names.name(MailTopic.RAW));
        assertThat(compose.get("dlq.topic").asText()).isEqualTo(names.name(MailTopic.DLQ));
        assertThat(compose.get("s3.bucket").asText()).isEqualTo(LocalDefaults.BUCKET);
        assertThat(compose.get("s3.prefix").asText()).isEqualTo(LocalDefaults.PREFIX);
        assertThat(compose.get("s3.endpoint").asText()).isEqualTo(env("mailroute", "MAILROUTE_S3_ENDPOINT"));
        assertThat(compose.get("schema.registry.url").asText())
                .isEqualTo(env("mailroute", "MAILROUTE_SCHEMA_REGISTRY"));
        for (final Map.Entry<String, JsonNode> field : local.properties()) {
            if (!field.getKey().equals("s3.endpoint") && !field.getKey().equals("schema.registry.url")) {
                assertThat(compose.get(field.getKey())).as(field.getKey()).isEqualTo(field.getValue());
            }
        }
        assertThat(compose.size()).isEqualTo(local.size());
        assertThat(service("connect-init").get("entrypoint").toString()).contains("/connectors/s3-mail/config");
    }

    @Test
    void mailpitCatchesTheNoticesOfTheSmtpSinkThatConnectInitSubmits() throws Exception {
        assertThat(service("mailpit").get("image").asText()).matches("axllent/mailpit:v\\d+\\.\\d+\\.\\d+");
        assertThat(ports("mailpit")).containsExactly("1025:1025", "8025:8025");
        final JsonNode smtp =
                JSON.readTree(root.resolve("ops/compose/smtp-notify.json").toFile());
        assertThat(smtp.get("smtp.host").asText()).isEqualTo("mailpit");
        assertThat(smtp.get("smtp.port").asText()).isEqualTo("1025");
        final List<String> volumes = new ArrayList<>();
        service("connect-init").get("volumes").forEach(v -> volumes.add(v.asText()));
        assertThat(volumes).contains("./ops/compose/smtp-notify.json:/opt/mailroute/smtp-notify.json:ro");
        assertThat(service("connect-init").get("entrypoint").toString())
                .contains("--data @/opt/mailroute/smtp-notify.json")
                .contains("/connectors/smtp-notify/config")
                .doesNotContain("helpdesk-", "webhook-");
        assertThat(service("connect-init").get("depends_on").has("topics-init")).isTrue();
    }

    @Test
    void theComposeSinkConfigsAreTheLocalOnesWithComposeHostNames() throws Exception {
        final Map<String, String> composeValues = Map.of(
                "s3.endpoint", env("mailroute", "MAILROUTE_S3_ENDPOINT"),
                "schema.registry.url", env("mailroute", "MAILROUTE_SCHEMA_REGISTRY"),
                "deliveries.bootstrap.servers", env("mailroute", "MAILROUTE_BOOTSTRAP_SERVER"),
                "smtp.host", "mailpit",
                "smtp.port", "1025");
        for (final String sink :
                List.of("smtp-notify", "helpdesk-zendesk", "helpdesk-backlog", "webhook-chat", "webhook-order")) {
            final JsonNode local = JSON.readTree(
                            root.resolve("ops/connectors/" + sink + ".json").toFile())
                    .get("config");
            final JsonNode compose =
                    JSON.readTree(root.resolve("ops/compose/" + sink + ".json").toFile());
            assertThat(compose.size()).as(sink).isEqualTo(local.size());
            for (final Map.Entry<String, JsonNode> field : local.properties()) {
                final String expected = composeValues.getOrDefault(
                        field.getKey(), field.getValue().asText());
                assertThat(compose.path(field.getKey()).asText())
                        .as("%s of %s", field.getKey(), sink)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void theAppImageIsBuiltFromTheRuntimeJarAlone() throws Exception {
        assertThat(service("topics-init").get("build").asText()).isEqualTo(".");
        assertThat(service("mailroute").get("image").asText())
                .isEqualTo(service("topics-init").get("image").asText());
        assertThat(Files.readString(root.resolve("Dockerfile")))
                .contains("COPY runtime/target/mailroute-runtime.jar")
                .contains("COPY runtime/target/lib/")
                .contains("\"-jar\", \"/opt/mailroute/mailroute-runtime.jar\"")
                .doesNotContain("cli/target");
    }

    @Test
    void theBuildContextAdmitsWhatTheDockerfileCopies() throws Exception {
        // .dockerignore excludes everything but what it names with "!": a COPY of anything else fails the build
        final List<String> admitted = Files.readAllLines(root.resolve(".dockerignore")).stream()
                .filter(line -> line.startsWith("!"))
                .map(line -> line.substring(1))
                .toList();
        final List<String> copied = Files.readAllLines(root.resolve("Dockerfile")).stream()
                .filter(line -> line.startsWith("COPY "))
                .map(line -> line.split("\\s+")[1].replaceAll("/$", ""))
                .toList();
        assertThat(copied)
                .isNotEmpty()
                .allSatisfy(source -> assertThat(admitted).contains(source));
    }

    @Test
    void theServicesOfTheImageRunCommandsTheRuntimeJarHas() {
        final CommandLine runtime = MailrouteRuntime.commandLine();
        for (final String name : List.of("mailroute", "topics-init")) {
            CommandLine command = runtime;
            for (final JsonNode word : service(name).get("command")) {
                assertThat(command.getSubcommands()).as("command of %s", name).containsKey(word.asText());
                command = command.getSubcommands().get(word.asText());
            }
        }
    }

    @Test
    void theImageCarriesNoEmbeddedServersAndNoTestUtilities() {
        // the runtime's class path is what the image's lib/ holds, plus the test framework
        final List<String> absent = List.of(
                "mailroute-embedded",
                "embedded" + File.separator + "target",
                "mailroute-connectors",
                "connectors" + File.separator + "target",
                "s3proxy",
                "connect-runtime",
                "kafka_2.13",
                "kafka-streams-test-utils");
        assertThat(System.getProperty("java.class.path").split(File.pathSeparator))
                .noneMatch(entry -> absent.stream().anyMatch(entry::contains));
    }
}
