package io.mailroute.stack;

import static io.mailroute.stack.KubernetesManifests.name;
import static io.mailroute.stack.KubernetesManifests.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailroute.connectors.helpdesk.HelpdeskSinkConnector;
import io.mailroute.connectors.organizations.OrganizationsSourceConnector;
import io.mailroute.connectors.s3.S3MailSourceConnector;
import io.mailroute.connectors.smtp.SmtpSinkConnector;
import io.mailroute.connectors.webhook.WebhookSinkConnector;
import io.mailroute.runtime.client.LocalDefaults;
import io.mailroute.runtime.command.CommandEnvironment;
import io.mailroute.runtime.command.MailrouteRuntime;
import io.mailroute.runtime.compose.Poms;
import io.mailroute.runtime.status.StatusServer;
import io.mailroute.runtime.topics.TopicApplier;
import io.mailroute.s3.S3ConfigFragment;
import io.mailroute.s3.S3Environment;
import io.mailroute.schemas.topics.MailTopic;
import io.mailroute.schemas.topics.TopicNames;
import io.mailroute.schemas.topics.TopicSpec;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * No cluster runs here, so this test holds {@code deploy/k8s} to the code, as ComposeFileTest does
 * docker-compose.yml: the KafkaTopics to what {@code mailroute topics apply} creates, the connector
 * configs to their ConfigDefs with every password key a Secret reference the README tells how to
 * create, the worker to the compose worker's settings, and the StatefulSet, Service and
 * ServiceMonitor to the status server's port, probes and metrics and to the variables {@code run} reads.
 */
class KubernetesManifestsTest {
    private static final Path ROOT = Path.of("..");
    /**
     * The Kafka version of the Connect worker ({@code connect.yaml} and the Connect image): Strimzi runs
     * only the Kafka versions a Strimzi release supports, and none supports the project's 4.3.2 yet
     * (Strimzi 1.2.0 stops at 4.3.1), so the worker stays on the newest patch of that line Strimzi has.
     */
    private static final String STRIMZI_KAFKA_VERSION = "4.3.1";

    private static final Pattern SECRET_REFERENCE = Pattern.compile("\\$\\{secrets:([^/:}]+)/([^/:}]+):([^}]+)}");
    private static final Pattern CREATE_SECRET =
            Pattern.compile("kubectl -n (\\S+) create secret generic (\\S+)((?: --from-literal=\\S+)+)");
    private static final Pattern LITERAL = Pattern.compile("--from-literal=([^=\\s]+)=(\\S+)");

    /** What Strimzi's v1 KafkaConnect refuses in spec.config (KafkaConnectSpec.FORBIDDEN_PREFIXES). */
    private static final List<String> STRIMZI_MANAGED_WORKER_KEYS = List.of(
            "group.id",
            "config.storage.topic",
            "offset.storage.topic",
            "status.storage.topic",
            "ssl.",
            "sasl.",
            "security.",
            "listeners",
            "plugin.path",
            "rest.",
            "bootstrap.servers",
            "consumer.interceptor.classes",
            "producer.interceptor.classes",
            "prometheus.metrics.reporter.");

    private static KubernetesManifests k8s;
    /** The example values of README.md's Secrets by "namespace/secret:key". */
    private static Map<String, String> documentedSecrets;

    @BeforeAll
    static void readManifests() throws Exception {
        k8s = KubernetesManifests.read(ROOT.resolve("deploy/k8s"));
        documentedSecrets = new HashMap<>();
        final String readme = Files.readString(ROOT.resolve("deploy/k8s/README.md"))
                .replace("\\\n", " ")
                .replaceAll(" +", " ");
        final Matcher secret = CREATE_SECRET.matcher(readme);
        while (secret.find()) {
            final Matcher literal = LITERAL.matcher(secret.group(3));
            while (literal.find()) {
                documentedSecrets.put(
                        secret.group(1) + "/" + secret.group(2) + ":" + literal.group(1),
                        literal.group(2).replace("'", ""));
            }
        }
    }

    private static JsonNode app() {
        final JsonNode statefulSet = k8s.only("StatefulSet");
        assertThat(name(statefulSet)).isEqualTo("mailroute");
        return statefulSet;
    }

    private static JsonNode container() {
        final JsonNode containers = app().at("/spec/template/spec/containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    /** The container's variables with plain values. */
    private static Map<String, String> env() {
        final Map<String, String> env = new LinkedHashMap<>();
        for (final JsonNode variable : container().get("env")) {
            if (variable.has("value")) {
                env.put(variable.get("name").asText(), variable.get("value").asText());
            }
        }
        return env;
    }

    private static int statusPort() {
        return Integer.parseInt(env().getOrDefault("MAILROUTE_STATUS_PORT", String.valueOf(LocalDefaults.STATUS_PORT)));
    }

    private static JsonNode connect() {
        return k8s.only("KafkaConnect");
    }

    @Test
    void theStrimziResourcesUseTheV1Api() {
        for (final String kind : List.of("KafkaTopic", "KafkaConnect", "KafkaConnector")) {
            assertThat(k8s.all(kind))
                    .as(kind)
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.get("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1"));
        }
    }

    @Test
    void everyTopicIsAKafkaTopicWithTheConfigsTopicsApplyWouldSet() {
        final String partitions = MailrouteRuntime.commandLine()
                .getSubcommands()
                .get("topics")
                .getSubcommands()
                .get("apply")
                .getCommandSpec()
                .findOption("--partitions")
                .defaultValue();
        final Map<String, TopicSpec> specs =
                TopicApplier.specs(TopicNames.defaults(), Integer.parseInt(partitions), (short) -1).stream()
                        .collect(Collectors.toMap(TopicSpec::name, Function.identity()));
        final Map<String, JsonNode> topics = k8s.all("KafkaTopic").stream()
                .collect(Collectors.toMap(t -> t.at("/spec/topicName").asText(name(t)), Function.identity()));

        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(specs.keySet());
        final String kafkaCluster =
                connect().at("/spec/bootstrapServers").asText().replaceFirst("-kafka-bootstrap:\\d+$", "");
        specs.forEach((topic, spec) -> {
            final JsonNode resource = topics.get(topic);
            assertThat(strings(resource.at("/spec/config"))).as(topic).isEqualTo(spec.configs());
            assertThat(resource.at("/spec/partitions").asInt()).as(topic).isEqualTo(spec.partitions());
            assertThat(resource.at("/metadata/labels/strimzi.io~1cluster").asText())
                    .as(topic)
                    .isEqualTo(kafkaCluster);
        });
    }

    @Test
    void theStatefulSetRunsTheAppWithVariablesTheRunCommandReads() {
        final List<String> args =
                container().get("args").valueStream().map(JsonNode::asText).toList();
        assertThat(args).containsExactly("run");
        final CommandLine runtime = MailrouteRuntime.commandLine();
        assertThat(runtime.getSubcommands()).containsKey(args.get(0));

        final Set<String> given = new HashSet<>();
        container().get("env").forEach(v -> given.add(v.get("name").asText()));
        assertThat(CommandEnvironment.variablesTheCommandsRead()).containsAll(given);
        assertThat(given)
                .contains(
                        "MAILROUTE_BOOTSTRAP_SERVER",
                        "MAILROUTE_SCHEMA_REGISTRY",
                        "MAILROUTE_STATE_DIR",
                        "MAILROUTE_STATUS_BIND",
                        "MAILROUTE_STATUS_TOKEN");
        assertThat(env().get("MAILROUTE_S3_BUCKET")).isEqualTo(LocalDefaults.BUCKET);
        assertThat(env().get("MAILROUTE_BOOTSTRAP_SERVER"))
                .isEqualTo(connect().at("/spec/bootstrapServers").asText());
    }

    @Test
    void theStateVolumeIsWhereTheStateDirectoryPoints() {
        final Path stateDir = Path.of(env().get("MAILROUTE_STATE_DIR"));
        assertThat(stateDir.isAbsolute()).isTrue();
        final Set<String> claims = new HashSet<>();
        app().at("/spec/volumeClaimTemplates").forEach(c -> claims.add(name(c)));
        assertThat(container().get("volumeMounts")).anySatisfy(mount -> {
            assertThat(stateDir.startsWith(Path.of(mount.get("mountPath").asText())))
                    .isTrue();
            assertThat(claims).contains(mount.get("name").asText());
        });
    }

    @Test
    void theProbesAndPortsAreTheStatusServers() {
        // the kubelet and Prometheus reach the pod's IP, never its loopback
        assertThat(env().get("MAILROUTE_STATUS_BIND")).isEqualTo("0.0.0.0");
        final JsonNode port = container().get("ports").get(0);
        assertThat(container().get("ports")).hasSize(1);
        assertThat(port.get("containerPort").asInt()).isEqualTo(statusPort());
        final String portName = port.get("name").asText();
        assertThat(container().at("/livenessProbe/httpGet/path").asText()).isEqualTo(StatusServer.LIVENESS_PATH);
        assertThat(container().at("/readinessProbe/httpGet/path").asText()).isEqualTo(StatusServer.READINESS_PATH);
        for (final String probe : List.of("livenessProbe", "readinessProbe")) {
            assertThat(container().at("/" + probe + "/httpGet/port").asText())
                    .as(probe)
                    .isIn(portName, String.valueOf(statusPort()));
        }

        final JsonNode podLabels = app().at("/spec/template/metadata/labels");
        final JsonNode service = k8s.only("Service");
        assertThat(app().at("/spec/serviceName").asText()).isEqualTo(name(service));
        assertThat(labelsMatch(service.at("/spec/selector"), podLabels)).isTrue();
        final JsonNode servicePort = service.at("/spec/ports/0");
        assertThat(service.at("/spec/ports")).hasSize(1);
        assertThat(servicePort.get("port").asInt()).isEqualTo(statusPort());
        assertThat(servicePort.get("targetPort").asText()).isIn(portName, String.valueOf(statusPort()));

        final JsonNode monitor = k8s.only("ServiceMonitor");
        assertThat(monitor.get("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(labelsMatch(monitor.at("/spec/selector/matchLabels"), service.at("/metadata/labels")))
                .isTrue();
        assertThat(monitor.at("/spec/endpoints")).hasSize(1);
        assertThat(monitor.at("/spec/endpoints/0/port").asText())
                .isEqualTo(servicePort.get("name").asText());
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo(StatusServer.METRICS_PATH);
    }

    private static boolean labelsMatch(final JsonNode selector, final JsonNode labels) {
        return !selector.isEmpty()
                && selector.properties().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    @Test
    void theAppsSecretsComeFromDocumentedSecrets() throws Exception {
        final ConfigDef s3 = ConnectorValidation.configDef(S3MailSourceConnector.class.getName());
        final Set<String> secret = new HashSet<>(Set.of("MAILROUTE_STATUS_TOKEN"));
        S3ConfigFragment.KEYS.stream()
                .filter(key -> s3.configKeys().get(key).type == ConfigDef.Type.PASSWORD)
                .map(S3Environment::variable)
                .forEach(secret::add);
        assertThat(secret).contains("MAILROUTE_S3_SECRET_ACCESS_KEY");
        for (final JsonNode variable : container().get("env")) {
            final String name = variable.get("name").asText();
            if (secret.contains(name)) {
                assertThat(variable.has("value")).as("%s in plain text", name).isFalse();
            }
            if (variable.has("valueFrom")) {
                final JsonNode ref = variable.at("/valueFrom/secretKeyRef");
                assertThat(documentedSecrets)
                        .as("Secret of %s in deploy/k8s/README.md", name)
                        .containsKey(k8s.namespace() + "/" + ref.get("name").asText() + ":"
                                + ref.get("key").asText());
            }
        }
    }

    @Test
    void everyConnectorIsValidForItsConfigDefWithItsPasswordsInSecrets() throws Exception {
        final Set<String> readableSecrets = new HashSet<>();
        k8s.only("Role").at("/rules/0/resourceNames").forEach(n -> readableSecrets.add(n.asText()));
        final Set<String> referenced = new HashSet<>();
        for (final JsonNode connector : k8s.all("KafkaConnector")) {
            final String name = name(connector);
            assertThat(connector.at("/metadata/labels/strimzi.io~1cluster").asText())
                    .as(name)
                    .isEqualTo(name(connect()));
            final Map<String, String> config = strings(connector.at("/spec/config"));
            // Strimzi sets these two from spec.class and spec.tasksMax, and refuses them in spec.config
            assertThat(config).as(name).doesNotContainKeys("connector.class", "tasks.max");
            config.put("connector.class", connector.at("/spec/class").asText());
            config.put("tasks.max", connector.at("/spec/tasksMax").asText());

            final ConfigDef def = ConnectorValidation.configDef(config.get("connector.class"));
            final Map<String, String> resolved = new LinkedHashMap<>();
            for (final Map.Entry<String, String> entry : config.entrySet()) {
                final Matcher reference = SECRET_REFERENCE.matcher(entry.getValue());
                final ConfigDef.ConfigKey key = def.configKeys().get(entry.getKey());
                if (key != null && key.type == ConfigDef.Type.PASSWORD) {
                    assertThat(reference.matches())
                            .as("%s of %s is a ${secrets:...} reference", entry.getKey(), name)
                            .isTrue();
                }
                if (reference.matches()) {
                    final String secret = reference.group(1) + "/" + reference.group(2) + ":" + reference.group(3);
                    assertThat(reference.group(1)).isEqualTo(k8s.namespace());
                    assertThat(readableSecrets)
                            .as("secrets the worker may read")
                            .contains(reference.group(2));
                    assertThat(documentedSecrets)
                            .as("%s in deploy/k8s/README.md", secret)
                            .containsKey(secret);
                    referenced.add(secret);
                    resolved.put(entry.getKey(), documentedSecrets.get(secret));
                } else {
                    resolved.put(entry.getKey(), entry.getValue());
                }
            }
            // the worker resolves the references before it validates
            assertThat(ConnectorValidation.errors(resolved)).as(name).isEmpty();
            assertTopicsAndEndpointsAreTheApps(name, config);
        }
        assertThat(k8s.all("KafkaConnector"))
                .extracting(c -> c.at("/spec/class").asText())
                .contains(
                        S3MailSourceConnector.class.getName(),
                        OrganizationsSourceConnector.class.getName(),
                        SmtpSinkConnector.class.getName(),
                        HelpdeskSinkConnector.class.getName(),
                        WebhookSinkConnector.class.getName());
        assertThat(referenced).isNotEmpty();
    }

    private static void assertTopicsAndEndpointsAreTheApps(final String name, final Map<String, String> config) {
        final TopicNames names = TopicNames.defaults();
        for (final String key : List.of("topic", "topics", "dlq.topic", "deliveries.topic")) {
            if (config.containsKey(key)) {
                assertThat(names.topicNamed(config.get(key)))
                        .as("%s of %s", key, name)
                        .isPresent();
            }
        }
        if (config.containsKey("deliveries.topic")) {
            assertThat(config.get("deliveries.topic")).isEqualTo(names.name(MailTopic.DELIVERIES));
            assertThat(config.get("deliveries.bootstrap.servers"))
                    .as(name)
                    .isEqualTo(env().get("MAILROUTE_BOOTSTRAP_SERVER"));
        }
        assertThat(config.get("schema.registry.url")).as(name).isEqualTo(env().get("MAILROUTE_SCHEMA_REGISTRY"));
    }

    @Test
    void everyDocumentedSecretIsReferenced() throws Exception {
        final Set<String> referenced = new HashSet<>();
        for (final JsonNode connector : k8s.all("KafkaConnector")) {
            final Matcher reference =
                    SECRET_REFERENCE.matcher(connector.at("/spec/config").toString());
            while (reference.find()) {
                referenced.add(reference.group(1) + "/" + reference.group(2) + ":" + reference.group(3));
            }
        }
        for (final JsonNode variable : container().get("env")) {
            final JsonNode ref = variable.at("/valueFrom/secretKeyRef");
            if (!ref.isMissingNode()) {
                referenced.add(k8s.namespace() + "/" + ref.get("name").asText() + ":"
                        + ref.get("key").asText());
            }
        }
        assertThat(documentedSecrets.keySet()).containsExactlyInAnyOrderElementsOf(referenced);
    }

    @Test
    void theConnectWorkerHasTheComposeWorkersSettingsAndReadsSecrets() throws Exception {
        final Properties compose = new Properties();
        try (InputStream in = Files.newInputStream(ROOT.resolve("ops/compose/connect-distributed.properties"))) {
            compose.load(in);
        }
        assertThat(connect().at("/spec/groupId").asText()).isEqualTo(compose.getProperty("group.id"));
        assertThat(connect().at("/spec/configStorageTopic").asText())
                .isEqualTo(compose.getProperty("config.storage.topic"));
        assertThat(connect().at("/spec/offsetStorageTopic").asText())
                .isEqualTo(compose.getProperty("offset.storage.topic"));
        assertThat(connect().at("/spec/statusStorageTopic").asText())
                .isEqualTo(compose.getProperty("status.storage.topic"));
        final Map<String, String> worker = strings(connect().at("/spec/config"));
        assertThat(worker.keySet())
                .noneMatch(key -> STRIMZI_MANAGED_WORKER_KEYS.stream().anyMatch(key::startsWith));
        for (final String key : List.of(
                "key.converter", "value.converter", "exactly.once.source.support", "producer.max.request.size")) {
            assertThat(worker.get(key)).as(key).isEqualTo(compose.getProperty(key));
        }
        assertThat(connect()
                        .at("/metadata/annotations/strimzi.io~1use-connector-resources")
                        .asText())
                .isEqualTo("true");
        assertThat(worker.get("config.providers")).isEqualTo("secrets");
        assertThat(worker.get("config.providers.secrets.class"))
                .isEqualTo("io.strimzi.kafka.KubernetesSecretConfigProvider");
        final JsonNode binding = k8s.only("RoleBinding");
        assertThat(binding.at("/roleRef/name").asText()).isEqualTo(name(k8s.only("Role")));
        // Strimzi names the worker's service account after the KafkaConnect
        assertThat(binding.at("/subjects/0/name").asText()).isEqualTo(name(connect()) + "-connect");
        assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(k8s.namespace());
        assertThat(connect().at("/spec/version").asText()).isEqualTo(STRIMZI_KAFKA_VERSION);
        final String built = Poms.property(ROOT.resolve("pom.xml"), "kafka.version");
        assertThat(STRIMZI_KAFKA_VERSION)
                .as("the worker's Kafka is a patch of the line the project builds against (%s)", built)
                .startsWith(built.substring(0, built.lastIndexOf('.') + 1));
    }

    @Test
    void theImagesAreTheOnesTheDocsTellHowToBuild() throws Exception {
        final String version = Poms.child(Poms.read(ROOT.resolve("pom.xml")), "version");
        assertThat(container().get("image").asText()).isEqualTo("mailroute:" + version);
        assertThat(connect().at("/spec/image").asText()).isEqualTo("mailroute-connect:" + version);
        final String readme = Files.readString(ROOT.resolve("deploy/k8s/README.md"));
        assertThat(readme)
                .contains("-t mailroute:" + version + " .")
                .contains("-f deploy/k8s/connect/Dockerfile -t mailroute-connect:" + version + " .");

        // the plugin directory the connectors module builds, on Strimzi's plugin path
        final String plugin = "connectors/target/mailroute-connectors-" + version + "-plugin";
        final List<String> copies = Files.readAllLines(ROOT.resolve("deploy/k8s/connect/Dockerfile")).stream()
                .filter(line -> line.startsWith("COPY "))
                .toList();
        assertThat(copies).containsExactly("COPY " + plugin + "/ /opt/kafka/plugins/mailroute-connectors/");
        assertThat(Files.readString(ROOT.resolve("deploy/k8s/connect/Dockerfile")))
                .containsPattern("ARG STRIMZI_KAFKA_IMAGE=quay\\.io/strimzi/kafka:[0-9.]+-kafka-"
                        + Pattern.quote(STRIMZI_KAFKA_VERSION) + "\n");
        assertThat(Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
                        .filter(line -> line.startsWith("!"))
                        .map(line -> FileSystems.getDefault().getPathMatcher("glob:" + line.substring(1))))
                .anyMatch(admitted -> admitted.matches(Path.of(plugin)));

        // the volume belongs to the group of the image's user
        final Matcher uid =
                Pattern.compile("--uid (\\d+) --gid (\\d+)").matcher(Files.readString(ROOT.resolve("Dockerfile")));
        assertThat(uid.find()).isTrue();
        assertThat(app().at("/spec/template/spec/securityContext/runAsUser").asText())
                .isEqualTo(uid.group(1));
        assertThat(app().at("/spec/template/spec/securityContext/fsGroup").asText())
                .isEqualTo(uid.group(2));
    }
}
