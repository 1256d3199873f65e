package io.mailroute.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.connectors.it.ConnectStack;
import io.mailroute.connectors.it.ReadCommittedConsumer;
import io.mailroute.embedded.EmbeddedS3;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The JMX exporter rules of {@code deploy/k8s/connect-metrics.yaml} against the MBeans of a running
 * worker with the S3 source: every rule matches an attribute, in the form the exporter matches
 * ({@code domain<key=value, ...><>attribute}), so that the series the dashboard and the alerts read exist.
 */
class ConnectMetricsExportIT {
    private static final Path RULES = Path.of("..", "deploy", "k8s", "connect-metrics.yaml");
    private static final Pattern RULE_PATTERN = Pattern.compile("- pattern: '([^']+)'");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String NAME = "metrics-export";

    @Test
    void shouldMatchEveryExporterRuleToAnAttributeOfTheRunningTask() throws Exception {
        final List<Pattern> rules = exporterRules();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(5);
        try (ConnectStack stack = ConnectStack.start("metrics-export-it");
                EmbeddedS3 s3 = EmbeddedS3.builder().start();
                S3Client client = s3.newClient()) {
            // given a worker in this JVM whose S3 source has read a mail
            s3.createBucket(NAME);
            final String key = SesMail.randomKey(new Random(877L), "incoming/");
            new TestBucket(client, NAME).put(key, SesMail.message(key));
            stack.createTopics(new NewTopic(NAME, 1, (short) 1));
            final Map<String, String> config = stack.connectorConfig(S3MailSourceConnector.class.getName());
            config.put("tasks.max", "1");
            config.put("s3.bucket", NAME);
            config.putAll(S3MailSourceConfig.S3.connectionProperties(s3.settings()));
            config.put("topic", NAME);
            config.put("after.read", "none");
            config.put("poll.interval.ms", "500");
            stack.rest().putConnectorConfig(NAME, config);
            try (ReadCommittedConsumer consumer =
                    new ReadCommittedConsumer(stack.kafka().bootstrapServers(), NAME)) {
                await().atMost(TIMEOUT).until(() -> consumer.poll().keys(NAME).contains(key));
            }

            // then each rule matches one of its task's attributes
            final List<String> attributes = exporterView(ManagementFactory.getPlatformMBeanServer());
            assertThat(rules)
                    .allSatisfy(rule -> assertThat(attributes)
                            .as("attributes matching %s", rule)
                            .anyMatch(attribute -> {
                                final Matcher matcher = rule.matcher(attribute);
                                return matcher.matches()
                                        && NAME.equals(matcher.group(1))
                                        && "0".equals(matcher.group(2));
                            }));
        }
    }

    private static List<Pattern> exporterRules() throws Exception {
        final List<Pattern> rules = new ArrayList<>();
        final Matcher matcher = RULE_PATTERN.matcher(Files.readString(RULES));
        while (matcher.find()) {
            rules.add(Pattern.compile(matcher.group(1)));
        }
        return rules;
    }

    /** The worker's Connect attributes as the JMX exporter names them for its rules. */
    private static List<String> exporterView(final MBeanServer server) throws Exception {
        final List<String> attributes = new ArrayList<>();
        for (final ObjectName bean : server.queryNames(new ObjectName("kafka.connect:*"), null)) {
            final String prefix =
                    bean.getDomain() + "<" + bean.getKeyPropertyListString().replace(",", ", ") + "><>";
            for (final MBeanAttributeInfo attribute : server.getMBeanInfo(bean).getAttributes()) {
                attributes.add(prefix + attribute.getName());
            }
        }
        return attributes;
    }
}
