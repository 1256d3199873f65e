package io.mailroute.runtime.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
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
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import picocli.CommandLine;

/**
 * docker-compose.yml cannot run here (no Docker), so this test holds it to the app's own settings:
 * ports against {@link LocalDefaults}, the environment variables the commands read, topic and bucket
 * names, the Connect plugin directory the connectors module builds, the compose connector config,
 * the image: the runtime jar alone, whose commands the services run; and the rules that let it start:
 * pinned images, healthchecks that call only tools their image has, {@code service_healthy}
 * dependencies, connector secrets as {@code ${env:...}} references, no default status token.
 * {@code cli}'s {@code ComposeStackIT} starts it where a Docker engine exists.
 */
class ComposeFileTest {
    /** Compose refuses a file with a key twice, so this parser does too. */
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keys of a connector config whose value is a secret (the connectors declare them PASSWORD). */
    private static final String SECRET_KEY = ".*(token|secret.*|password|access\\.key\\.id|webhook\\.url)";

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    /** Separators of the commands in a healthcheck's shell script. */
    private static final Pattern COMMAND_SEPARATOR = Pattern.compile("&&|\\|\\||;|\\|");
    /** Shell builtins and keywords a script may use in any image with that shell. */
    private static final Set<String> SHELL_WORDS = Set.of("exec", "printf", "read", "echo", "test", "[", "[[", "true");

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
        assertThat(ports("s3proxy")).containsExactly(LocalDefaults.S3_PORT + ":" + LocalDefaults.S3_PORT);
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
    void s3ProxyHasTheLocalCredentialsAndTheInitJobCreatesTheBucket() {
        assertThat(env("s3proxy", "S3PROXY_ENDPOINT")).isEqualTo("http://0.0.0.0:" + LocalDefaults.S3_PORT);
        assertThat(env("s3proxy", "S3PROXY_IDENTITY")).isEqualTo(LocalDefaults.S3_ACCESS_KEY);
        assertThat(env("s3proxy", "S3PROXY_CREDENTIAL")).isEqualTo(LocalDefaults.S3_SECRET_KEY);
        assertThat(env("s3proxy", "JCLOUDS_PROVIDER")).isEqualTo("filesystem");
        assertThat(env("mailroute", "MAILROUTE_S3_ENDPOINT")).isEqualTo("http://s3proxy:" + LocalDefaults.S3_PORT);
        assertThat(service("s3-init").get("entrypoint").toString())
                .contains("-X PUT")
                .contains("--aws-sigv4 aws:amz:" + env("mailroute", "MAILROUTE_S3_REGION") + ":s3")
                .contains("--user " + LocalDefaults.S3_ACCESS_KEY + ":" + LocalDefaults.S3_SECRET_KEY)
                .contains(env("mailroute", "MAILROUTE_S3_ENDPOINT") + "/" + LocalDefaults.BUCKET);
        assertThat(service("mailroute")
                        .get("depends_on")
                        .get("s3-init")
                        .get("condition")
                        .asText())
                .isEqualTo("service_completed_successfully");
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
        final Properties worker = workerProperties();
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
                assertThat(resolved(field.getKey(), compose.get(field.getKey()).asText()))
                        .as(field.getKey())
                        .isEqualTo(field.getValue().asText());
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
                final String value = compose.path(field.getKey()).asText();
                if (envReference(value).isPresent()
                        && connectEnvironment(envReference(value).get()) == null) {
                    // an example sink's secret, set in the shell that runs compose: no value to compare
                    assertThat(field.getKey()).as(sink).matches(SECRET_KEY);
                } else {
                    assertThat(resolved(field.getKey(), value))
                            .as("%s of %s", field.getKey(), sink)
                            .isEqualTo(expected);
                }
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

    @Test
    void everyImageIsPinnedToATagItsPublisherDocuments() throws Exception {
        final Map<String, Set<String>> tools = toolsByImage();
        final Set<String> built = new HashSet<>();
        services.forEach(service -> {
            if (service.has("build")) {
                built.add(service.get("image").asText());
            }
        });
        services.properties().forEach(service -> {
            final String image = service.getValue().get("image").asText();
            if (!built.contains(image)) {
                assertThat(image)
                        .as("image of %s", service.getKey())
                        .matches("[^:@]+:[^:]*\\d[^:]*")
                        .doesNotEndWith(":latest");
                assertThat(tools)
                        .as("image of %s in the table of checked images", service.getKey())
                        .containsKey(image);
            }
        });
    }

    @Test
    void healthchecksCallOnlyToolsTheirImageHas() throws Exception {
        final Map<String, Set<String>> tools = toolsByImage();
        final List<String> checked = new ArrayList<>();
        services.properties().forEach(service -> {
            final JsonNode healthcheck = service.getValue().get("healthcheck");
            if (healthcheck != null) {
                final String image = service.getValue().get("image").asText();
                assertThat(programs(healthcheck.get("test")))
                        .as("programs the healthcheck of %s (%s) calls", service.getKey(), image)
                        .isNotEmpty()
                        .allSatisfy(program ->
                                assertThat(tools.getOrDefault(image, Set.of())).contains(program));
                checked.add(service.getKey());
            }
        });
        assertThat(checked).contains("kafka", "schema-registry", "s3proxy", "connect", "mailpit");
    }

    @Test
    void aHealthcheckScriptIsSplitIntoTheProgramsItRuns() throws Exception {
        final JsonNode shell =
                YAML.readTree("[\"CMD-SHELL\", \"curl -fs http://x/ >/dev/null || wget -qO- http://x/\"]");
        assertThat(programs(shell)).containsExactly("sh", "curl", "wget");
        final JsonNode bash = YAML.readTree(
                "[\"CMD\", \"bash\", \"-c\", \"exec 3<>/dev/tcp/h/1 && read -r s <&3 && [[ $s == *' 200 '* ]]\"]");
        assertThat(programs(bash)).containsExactly("bash");
        assertThat(programs(YAML.readTree("[\"CMD\", \"/mailpit\", \"readyz\"]")))
                .containsExactly("/mailpit");
    }

    @Test
    void everyDependencyWaitsUntilItsServiceIsHealthyOrItsJobSucceeded() {
        services.properties().forEach(service -> {
            final JsonNode dependsOn = service.getValue().get("depends_on");
            if (dependsOn != null) {
                assertThat(dependsOn.isObject())
                        .as("depends_on of %s has conditions", service.getKey())
                        .isTrue();
                dependsOn.properties().forEach(dependency -> {
                    final JsonNode target = service(dependency.getKey());
                    final String condition =
                            dependency.getValue().path("condition").asText();
                    final String expected = target.has("healthcheck")
                            ? "service_healthy"
                            : "no".equals(target.path("restart").asText()) ? "service_completed_successfully" : "";
                    assertThat(condition)
                            .as("%s waiting for %s", service.getKey(), dependency.getKey())
                            .isNotEmpty()
                            .isEqualTo(expected);
                });
            }
        });
    }

    @Test
    void connectorSecretsAreEnvReferencesTheWorkerResolves() throws Exception {
        final Properties worker = workerProperties();
        assertThat(worker.getProperty("config.providers")).isEqualTo("env");
        assertThat(worker.getProperty("config.providers.env.class"))
                .isEqualTo("org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        assertThat(worker.stringPropertyNames())
                .filteredOn(key -> key.matches(SECRET_KEY))
                .isEmpty();
        final List<Path> files;
        try (var list = Files.list(root.resolve("ops/compose"))) {
            files = list.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        final List<String> secrets = new ArrayList<>();
        for (final Path file : files) {
            JSON.readTree(file.toFile()).properties().forEach(field -> {
                if (field.getKey().matches(SECRET_KEY)) {
                    final String variable = envReference(field.getValue().asText())
                            .orElseThrow(() -> new AssertionError(
                                    field.getKey() + " of " + file.getFileName() + " is not a ${env:...} reference"));
                    assertThat(service("connect").get("environment").has(variable))
                            .as("%s of %s given to the connect service", variable, file.getFileName())
                            .isTrue();
                    secrets.add(field.getKey());
                }
            });
        }
        assertThat(secrets)
                .contains(
                        "s3.access.key.id",
                        "s3.secret.access.key",
                        "helpdesk.token",
                        "order.auth.token",
                        "chat.webhook.url");
    }

    @Test
    void aPlainSecretIsNoEnvReference() {
        assertThat(envReference("mailroute-local-secret")).isEmpty();
        assertThat(envReference("${file:/x:y}")).isEmpty();
        assertThat(envReference("${env:MAILROUTE_S3_SECRET_ACCESS_KEY}")).contains("MAILROUTE_S3_SECRET_ACCESS_KEY");
        assertThat("s3.secret.access.key").matches(SECRET_KEY);
        assertThat("key.converter").doesNotMatch(SECRET_KEY);
    }

    @Test
    void theStatusTokenHasNoDefaultSoComposeRefusesToStartWithoutIt() {
        assertThat(env("mailroute", "MAILROUTE_STATUS_TOKEN"))
                .isEqualTo("${MAILROUTE_STATUS_TOKEN:?set MAILROUTE_STATUS_TOKEN}");
        assertThat(env("mailroute", "MAILROUTE_STATUS_BIND")).isEqualTo("0.0.0.0");
    }

    /**
     * What each pinned image has for a healthcheck to call, as its publisher's Dockerfile installs it
     * (docker-compose.yml's header names where each was checked). A new or re-tagged image needs its row.
     */
    private static Map<String, Set<String>> toolsByImage() throws Exception {
        final String kafka = "apache/kafka:" + Poms.property(root.resolve("pom.xml"), "kafka.version");
        return Map.of(
                // apache/kafka docker/jvm/Dockerfile: eclipse-temurin alpine, the Kafka scripts; wget removed
                kafka,
                Set.of("sh", "bash", "/opt/kafka/bin/kafka-broker-api-versions.sh"),
                // confluentinc/common-docker base/Dockerfile.ubi9: UBI 9 minimal with bash and wget
                "confluentinc/cp-schema-registry:8.0.0",
                Set.of("sh", "bash", "wget"),
                // gaul/s3proxy Dockerfile: ubuntu, dumb-init and a jlinked JRE; no curl or wget
                "andrewgaul/s3proxy:4.1.0",
                Set.of("sh", "bash", "java"),
                // curl/curl-container: alpine with curl
                "curlimages/curl:8.16.0",
                Set.of("sh", "curl"),
                // axllent/mailpit Dockerfile at v1.20.4: alpine and the mailpit binary, HEALTHCHECK /mailpit readyz
                "axllent/mailpit:v1.20.4",
                Set.of("sh", "/mailpit"),
                // kafbat/kafka-ui: checked for its tag only, it has no healthcheck here
                "ghcr.io/kafbat/kafka-ui:v1.3.0",
                Set.of());
    }

    /** The programs a healthcheck test runs: its executable and the first word of each command of a shell script. */
    private static List<String> programs(final JsonNode test) {
        final List<String> words = new ArrayList<>();
        test.forEach(word -> words.add(word.asText()));
        final List<String> programs = new ArrayList<>();
        final String script;
        if (words.get(0).equals("CMD-SHELL")) {
            programs.add("sh");
            script = words.get(1);
        } else {
            assertThat(words.get(0)).isEqualTo("CMD");
            programs.add(words.get(1));
            final boolean shell = (words.get(1).equals("sh") || words.get(1).equals("bash"))
                    && words.size() > 3
                    && words.get(2).equals("-c");
            script = shell ? words.get(3) : "";
        }
        for (final String command : COMMAND_SEPARATOR.split(script)) {
            final String program = command.strip().split("\\s+")[0];
            if (!program.isEmpty() && !SHELL_WORDS.contains(program)) {
                programs.add(program);
            }
        }
        return programs;
    }

    private static Optional<String> envReference(final String value) {
        final Matcher matcher = ENV_REFERENCE.matcher(value);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The value the connect service's environment gives {@code variable}; null when it only passes the shell's on. */
    private static String connectEnvironment(final String variable) {
        final JsonNode value = service("connect").get("environment").get(variable);
        assertThat(value).as("%s in the environment of connect", variable).isNotNull();
        return value.isNull() ? null : value.asText();
    }

    /** A compose connector value with its {@code ${env:...}} reference resolved as the worker does. */
    private static String resolved(final String key, final String value) {
        final Optional<String> variable = envReference(value);
        if (variable.isEmpty()) {
            return value;
        }
        assertThat(key).as("a key given through ${env:...}").matches(SECRET_KEY);
        return connectEnvironment(variable.get());
    }

    private static Properties workerProperties() throws Exception {
        final Properties worker = new Properties();
        try (InputStream in = new FileInputStream(
                root.resolve("ops/compose/connect-distributed.properties").toFile())) {
            worker.load(in);
        }
        return worker;
    }
}
