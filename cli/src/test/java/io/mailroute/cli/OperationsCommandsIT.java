package io.mailroute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.avro.Lane;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.Outcome;
import io.mailroute.avro.OwnerContacts;
import io.mailroute.avro.OwnerOutcome;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.RawRef;
import io.mailroute.avro.RetryMail;
import io.mailroute.avro.RetryReason;
import io.mailroute.avro.Rule;
import io.mailroute.avro.SentCount;
import io.mailroute.avro.SentScope;
import io.mailroute.avro.Stage;
import io.mailroute.avro.Storage;
import io.mailroute.avro.Suppression;
import io.mailroute.avro.SuppressionBasis;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.TopicPublisher;
import io.mailroute.runtime.client.TopicReader;
import io.mailroute.runtime.command.ExitCodes;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.Topic;
import io.mailroute.stack.MailrouteStack;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations commands against one {@link MailrouteStack} of a real KRaft broker and the schema
 * registry. Every test works on its own topic prefix (a {@code --config} file), so the tests share
 * the broker only.
 */
class OperationsCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration READ = Duration.ofSeconds(30);
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private static MailrouteStack stack;

    @TempDir
    Path dir;

    private String prefix;
    private Path config;
    private ClientSettings settings;
    private SchemaRegistryClient registry;
    private MailTopics topics;

    @BeforeAll
    static void startCluster() throws Exception {
        stack = MailrouteStack.builder().kafka().registry().start();
    }

    @AfterAll
    static void stopCluster() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void topicsWithOwnPrefix() throws Exception {
        prefix = "t" + PREFIXES.incrementAndGet() + ".";
        config = dir.resolve("client.properties");
        Files.writeString(config, "mailroute.topic.prefix=" + prefix + "\n");
        assertThat(run("topics", "apply", "--partitions", "2").exitCode()).isZero();
        settings = new ClientSettings(
                stack.client().bootstrapServers(),
                stack.client().schemaRegistry(),
                "http://127.0.0.1:9",
                "mail-inbound",
                "us-east-1",
                Map.of("mailroute.topic.prefix", prefix));
        registry = settings.registry();
        topics = settings.topics(registry);
    }

    private CommandRun run(final String... args) {
        final List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--bootstrap-server",
                stack.client().bootstrapServers(),
                "--schema-registry",
                stack.client().schemaRegistry(),
                "--config",
                config.toString()));
        return CommandRun.of(all.toArray(String[]::new));
    }

    /** A new admin client of the stack's broker; the caller closes it. */
    private static Admin admin() {
        return Admin.create(stack.client().admin());
    }

    /** The latest value per key (tombstones as null values). */
    private <V> Map<String, V> latest(final Topic<String, V> topic) {
        final Map<String, V> latest = new LinkedHashMap<>();
        new TopicReader(settings).readAll(topic, key -> true, READ).forEach(e -> latest.put(e.key(), e.value()));
        return latest;
    }

    private Path file(final String name, final String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void accountsImportPublishesActiveAccountsAndTombstonesTheOthersFromOrganizationsJson() throws Exception {
        // given
        final Path json = file("accounts.json", """
                {"Accounts": [
                  {"Id": "111111111111", "Email": "root+prod@example.co.jp", "Name": "Prod", "Status": "ACTIVE",
                   "JoinedTimestamp": "2024-01-05T10:00:00+09:00"},
                  {"Id": "222222222222", "Email": "root+old@example.co.jp", "Name": "Old", "Status": "SUSPENDED"}
                ]}
                """);

        // when
        final CommandRun result = run("accounts", "import", json.toString());

        // then
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("1 mappings, 1 tombstones");
        final Map<String, AccountMapping> accounts = latest(topics.accounts());
        assertThat(accounts).containsOnlyKeys("111111111111", "222222222222").containsEntry("222222222222", null);
        assertThat(accounts.get("111111111111").getEmail()).isEqualTo("root+prod@example.co.jp");
        assertThat(accounts.get("111111111111").getSource()).isEqualTo("import-json");
    }

    @Test
    void accountsImportReportsBadCsvRowsWithLineNumbersImportsTheRestAndExitsPartial() throws Exception {
        // given
        final Path csv = file("stores.csv", """
                accountId,email,name,status
                ne-001,ne-001@shop.example.jp,Store 1,ACTIVE
                ne-002,not-an-address,Store 2,ACTIVE
                ne-003,ne-003@shop.example.jp,Store 3,ASLEEP
                ne-004,ne-004@shop.example.jp,,
                """);

        // when
        final CommandRun result = run("accounts", "import", csv.toString());

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(result.err())
                .contains("stores.csv:3: 'not-an-address' is no mail address")
                .contains("stores.csv:4: status 'ASLEEP'");
        assertThat(latest(topics.accounts())).containsOnlyKeys("ne-001", "ne-004");
    }

    @Test
    void accountsImportPrunesOnlyAccountsOfTheSameSourceMissingFromTheFile() throws Exception {
        // given
        assertThat(run(
                                "accounts",
                                "import",
                                "--source",
                                "stores",
                                file("a.csv", "ne-001,a@shop.example.jp\nne-002,b@shop.example.jp\n")
                                        .toString())
                        .exitCode())
                .isZero();
        assertThat(run(
                                "accounts",
                                "import",
                                file("org.csv", "333333333333,root@example.com\n")
                                        .toString())
                        .exitCode())
                .isZero();

        // when
        final CommandRun result = run(
                "accounts",
                "import",
                "--source",
                "stores",
                "--prune",
                file("b.csv", "ne-001,a@shop.example.jp\n").toString());

        // then
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("1 pruned");
        final Map<String, AccountMapping> accounts = latest(topics.accounts());
        assertThat(accounts).containsEntry("ne-002", null);
        assertThat(accounts.get("ne-001").getSource()).isEqualTo("stores");
        assertThat(accounts.get("333333333333").getSource()).isEqualTo("import-csv");
    }

    @Test
    void accountsImportPrunesNothingWhenARowIsRejected() throws Exception {
        // given
        assertThat(run(
                                "accounts",
                                "import",
                                "--source",
                                "stores",
                                file("a.csv", "ne-001,a@shop.example.jp\nne-002,b@shop.example.jp\n")
                                        .toString())
                        .exitCode())
                .isZero();

        // when: ne-002's row has a typo
        final CommandRun result = run(
                "accounts",
                "import",
                "--source",
                "stores",
                "--prune",
                file("b.csv", "ne-001,a@shop.example.jp\nne-002,not-an-address\n")
                        .toString());

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(result.err()).contains("b.csv:2:").contains("--prune skipped: 1 rows were rejected");
        assertThat(result.out()).contains("0 pruned");
        assertThat(latest(topics.accounts())).containsOnlyKeys("ne-001", "ne-002");
    }

    @Test
    void topicsApplyCreatesTheContactsAndDeliveriesTopicsCompacted() throws Exception {
        // given: topics applied for this test's prefix (topicsWithOwnPrefix)
        final List<String> names =
                List.of(topics.contacts().name(), topics.deliveries().name());

        // when
        final Map<ConfigResource, Config> configs;
        try (Admin admin = admin()) {
            configs = admin.describeConfigs(names.stream()
                            .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                            .toList())
                    .all()
                    .get();
        }

        // then
        assertThat(names).containsExactly(prefix + "mail.contacts", prefix + "mail.deliveries");
        assertThat(configs.values())
                .hasSize(2)
                .allSatisfy(config -> assertThat(
                                config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                        .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    @Test
    void topicsApplySetsMinInsyncReplicasAndReportsAReplicationFactorItCannotChange() throws Exception {
        // given: topics applied with the single broker's replication factor 1 (topicsWithOwnPrefix)

        // when
        final CommandRun one = run("topics", "apply", "--partitions", "2", "--min-insync-replicas", "1");
        final CommandRun three =
                run("topics", "apply", "--partitions", "2", "--replication-factor", "3", "--min-insync-replicas", "2");
        final CommandRun refused = run("topics", "apply", "--replication-factor", "2", "--min-insync-replicas", "3");

        // then
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out()).contains(prefix + "mail.raw").contains("min.insync.replicas=1");
        assertThat(minInsyncReplicas(prefix + "mail.raw")).isEqualTo("1");
        assertThat(three.exitCode()).as(three.err()).isZero();
        assertThat(three.out())
                .contains("ok       " + prefix + "mail.raw")
                .contains("min.insync.replicas=2 not set: the topic has 1 replicas")
                .contains("has replication factor 1, spec says 3; left as is");
        assertThat(minInsyncReplicas(prefix + "mail.raw")).isEqualTo("1");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("min.insync.replicas 3 exceeds the replication factor 2");
    }

    private static String minInsyncReplicas(final String topic) throws Exception {
        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = admin()) {
            return admin.describeConfigs(List.of(resource))
                    .all()
                    .get()
                    .get(resource)
                    .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)
                    .value();
        }
    }

    @Test
    void contactsImportPublishesEveryGoodRowReportsBadRowsWithLineNumbersAndExitsPartial() throws Exception {
        // given
        final Path csv = file("contacts.csv", """
                ownerId,recipients,locale,name
                111111111111,ops@Example.co.jp;cto@example.co.jp,ja,Prod
                222222222222,not-an-address,ja
                333333333333,ops@example.com,en-us
                444444444444,ops@example.com,jp
                111111111111,other@example.co.jp,en
                """);

        // when
        final CommandRun result = run("contacts", "import", csv.toString());

        // then
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(result.err())
                .contains("contacts.csv:3: 'not-an-address' is no mail address")
                .contains("contacts.csv:5: locale 'jp'")
                .contains("contacts.csv:6: owner 111111111111 is listed on line 2 already");
        assertThat(result.out()).contains("2 owners' contacts, 0 pruned, 3 rows rejected");
        final Map<String, OwnerContacts> contacts = latest(topics.contacts());
        assertThat(contacts).containsOnlyKeys("111111111111", "333333333333");
        assertThat(contacts.get("111111111111").getRecipients())
                .containsExactly("ops@example.co.jp", "cto@example.co.jp");
        assertThat(contacts.get("111111111111").getName()).isEqualTo("Prod");
        assertThat(contacts.get("333333333333").getLocale()).isEqualTo("en-US");
    }

    @Test
    void contactsImportPrunesOwnersMissingFromTheFileUnlessARowIsRejected() throws Exception {
        // given
        assertThat(run(
                                "contacts",
                                "import",
                                file(
                                                "a.csv",
                                                "a,a@shop.example.jp,ja\nb,b@shop.example.jp,ja\nc,c@shop.example.jp,en\n")
                                        .toString())
                        .exitCode())
                .isZero();

        // when: c's row has a typo, then the file is fixed and lists a only
        final CommandRun refused = run(
                "contacts",
                "import",
                "--prune",
                file("b.csv", "a,a@shop.example.jp,ja\nc,c@shop example.jp,en\n")
                        .toString());
        final Map<String, OwnerContacts> afterRefused = latest(topics.contacts());
        final CommandRun pruned = run(
                "contacts",
                "import",
                "--prune",
                file("c.csv", "a,a@shop.example.jp,en\n").toString());

        // then
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(refused.err()).contains("b.csv:2:").contains("--prune skipped: 1 rows were rejected");
        assertThat(refused.out()).contains("0 pruned");
        assertThat(afterRefused).containsOnlyKeys("a", "b", "c").doesNotContainValue(null);
        assertThat(pruned.exitCode()).as(pruned.err()).isZero();
        assertThat(pruned.out()).contains("1 owners' contacts, 2 pruned, 0 rows rejected");
        final Map<String, OwnerContacts> contacts = latest(topics.contacts());
        assertThat(contacts).containsEntry("b", null).containsEntry("c", null);
        assertThat(contacts.get("a").getLocale()).isEqualTo("en");
    }

    private static final String RULE = """
              - ruleId: %s
                category: %s
                lanes: [NOTIFY]
                conditions:
                  - {field: SUBJECT, op: CONTAINS, values: ['%s']}
            """;

    @Test
    void rulesApplyPublishesValidRulesWithTheirVersionAndPrunesRemovedOnes() throws Exception {
        // given
        final Path first = file(
                "rules.yaml",
                "rulesVersion: \"2026.11.1\"\nrules:\n" + RULE.formatted("billing", "aws-billing", "invoice")
                        + RULE.formatted("outage", "outage", "outage"));
        assertThat(run("rules", "apply", first.toString()).exitCode()).isZero();
        final Path rulesDir = Files.createDirectory(dir.resolve("rules"));
        Files.writeString(
                rulesDir.resolve("billing.yml"),
                "rulesVersion: \"2026.11.2\"\nrules:\n" + RULE.formatted("billing", "aws-billing", "bill"));

        // when
        final CommandRun dryRun = run("rules", "apply", "--prune", "--dry-run", rulesDir.toString());
        final Map<String, Rule> afterDryRun = latest(topics.rules());
        final CommandRun result = run("rules", "apply", "--prune", rulesDir.toString());

        // then
        assertThat(dryRun.out())
                .contains("would publish billing (version 2026.11.2)", "would publish a tombstone for outage");
        assertThat(afterDryRun.get("billing").getRulesVersion()).isEqualTo("2026.11.1");
        assertThat(result.exitCode()).as(result.err()).isZero();
        final Map<String, Rule> rules = latest(topics.rules());
        assertThat(rules).containsEntry("outage", null);
        assertThat(rules.get("billing").getRulesVersion()).isEqualTo("2026.11.2");
        assertThat(rules.get("billing").getConditions().get(0).getValues()).containsExactly("bill");
    }

    @Test
    void rulesApplyReportsEveryProblemOfEveryFileAndPublishesNothing() throws Exception {
        // given
        final Path good = file("good.yaml", "rulesVersion: \"1\"\nrules:\n" + RULE.formatted("fine", "x", "y"));
        final Path bad = file("bad.yaml", """
                rulesVersion: "1"
                rules:
                  - ruleId: broken
                    category: x
                    lanes: [NOWHERE]
                    conditions:
                      - {field: SUBJECT, op: REGEX, values: ['(unclosed']}
                """);

        // when
        final CommandRun result = run("rules", "apply", good.toString(), bad.toString());

        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err())
                .contains("bad.yaml: rule broken: lanes[0]")
                .contains("bad.yaml: rule broken: conditions[0]")
                .contains("nothing published");
        assertThat(latest(topics.rules())).isEmpty();
    }

    private static RawRef ref(final String mailId) {
        return RawRef.newBuilder()
                .setBucket("mail-inbound")
                .setKey(mailId)
                .setSize(5)
                .setSha256("00")
                .build();
    }

    private static RawMail rawMail(final String mailId, final int attempt) {
        return RawMail.newBuilder()
                .setMailId(mailId)
                .setBucket("mail-inbound")
                .setKey(mailId)
                .setSize(5)
                .setSha256("00")
                .setReceivedAt(Instant.parse("2026-11-23T08:00:00Z"))
                .setIngestedAt(Instant.parse("2026-11-23T08:00:01Z"))
                .setStorage(Storage.INLINE)
                .setContent(ByteBuffer.wrap("mail\n".getBytes(StandardCharsets.US_ASCII)))
                .setAttempt(attempt)
                .build();
    }

    private static MailStatus status(final String mailId, final Outcome outcome, final int attempt) {
        return MailStatus.newBuilder()
                .setMailId(mailId)
                .setStage(Stage.ROUTE)
                .setOutcome(outcome)
                .setAttempt(attempt)
                .setOwners(List.of(new OwnerOutcome(
                        "111111111111", outcome, List.of(Lane.TICKET), "aws-support-case", "support", null)))
                .setRulesVersion("2026.11.1")
                .setSubject("Case 123 updated")
                .setFrom("no-reply@amazon.com")
                .setReceivedAt(Instant.parse("2026-11-23T08:00:00Z"))
                .setUpdatedAt(Instant.parse("2026-11-23T08:00:02Z"))
                .setRaw(ref(mailId))
                .build();
    }

    private static RetryMail retry(final String mailId, final RetryReason reason, final int attempt) {
        return RetryMail.newBuilder()
                .setMailId(mailId)
                .setReason(reason)
                .setAttempt(attempt)
                .setMaxAttempts(5)
                .setFirstAttemptAt(Instant.parse("2026-11-23T08:00:02Z"))
                .setNextAttemptAt(Instant.parse("2026-11-23T09:00:00Z"))
                .setWaitingFor(List.of("root+new@example.co.jp"))
                .setMail(rawMail(mailId, 0))
                .setRaw(ref(mailId))
                .build();
    }

    private static Delivery delivery(final String mailId, final DeliveryOutcome outcome, final String detail) {
        return Delivery.newBuilder()
                .setMailId(mailId)
                .setOwnerId("111111111111")
                .setChannel(DeliveryChannel.SMTP)
                .setOutcome(outcome)
                .setDetail(detail)
                .setRecipients(List.of("ops@example.co.jp"))
                .setAttempt(outcome == DeliveryOutcome.RETRYING ? 1 : 2)
                .setAt(Instant.parse("2026-11-23T08:00:05Z"))
                .build();
    }

    @Test
    void statusPrintsTheLatestStatusOfAMailAndFailsForAnUnknownOne() throws Exception {
        // given
        try (TopicPublisher publisher = new TopicPublisher(settings)) {
            publisher.send(topics.status(), "m-1", status("m-1", Outcome.IN_PROGRESS, 0));
            publisher.send(topics.status(), "m-1", status("m-1", Outcome.ROUTED, 0));
            publisher.send(
                    topics.deliveries(),
                    "m-1|111111111111|SMTP",
                    delivery("m-1", DeliveryOutcome.RETRYING, "451 busy"));
            publisher.send(
                    topics.deliveries(), "m-1|111111111111|SMTP", delivery("m-1", DeliveryOutcome.DELIVERED, "250 OK"));
            // another mail whose id starts like m-1's keys
            publisher.send(
                    topics.deliveries(),
                    "m-1|x|111111111111|SMTP",
                    delivery("m-1|x", DeliveryOutcome.FAILED, "no recipients"));
            publisher.awaitAcks();
        }

        // when
        final CommandRun known = run("status", "m-1");
        final CommandRun knownJson = run("status", "m-1", "--output", "json");
        final CommandRun unknown = run("status", "m-404");

        // then
        assertThat(known.exitCode()).as(known.err()).isZero();
        assertThat(known.out())
                .contains("outcome    ROUTED")
                .contains("111111111111")
                .contains("lanes=[TICKET]")
                .contains("rule=aws-support-case")
                .contains("received   2026-11-23T08:00:00Z")
                .contains("  111111111111     delivered to ops@example.co.jp by smtp, 250 OK, at 2026-11-23T08:00:05Z")
                .doesNotContain("451 busy")
                .doesNotContain("no recipients");
        assertThat(knownJson.exitCode()).as(knownJson.err()).isZero();
        final JsonNode json = JSON.readTree(knownJson.out());
        assertThat(json.get("mailId").asText()).isEqualTo("m-1");
        assertThat(json.get("outcome").asText()).isEqualTo("ROUTED");
        assertThat(json.get("owners").get(0).get("ruleId").asText()).isEqualTo("aws-support-case");
        assertThat(json.get("deliveries")).hasSize(1);
        assertThat(json.get("deliveries").get(0).get("outcome").asText()).isEqualTo("DELIVERED");
        assertThat(json.get("deliveries").get(0).get("detail").asText()).isEqualTo("250 OK");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(unknown.err()).contains("no status for m-404");
    }

    @Test
    void retryListsWaitingMailsAndReleaseRepublishesThemPastTheDedup() throws Exception {
        // given: m-1 and m-2 wait; m-3 waited but was routed since, m-4 has no status, m-5 waits at a later attempt
        try (TopicPublisher publisher = new TopicPublisher(settings)) {
            publisher.send(topics.retry(), "m-1", retry("m-1", RetryReason.ACCOUNT_UNKNOWN, 1));
            publisher.send(topics.retry(), "m-2", retry("m-2", RetryReason.UNCLASSIFIED, 2));
            publisher.send(topics.retry(), "m-3", retry("m-3", RetryReason.UNCLASSIFIED, 1));
            publisher.send(topics.retry(), "m-4", retry("m-4", RetryReason.UNCLASSIFIED, 1));
            publisher.send(topics.retry(), "m-5", retry("m-5", RetryReason.UNCLASSIFIED, 1));
            publisher.send(topics.status(), "m-1", status("m-1", Outcome.RETRY_PENDING, 1));
            publisher.send(topics.status(), "m-2", status("m-2", Outcome.RETRY_PENDING, 2));
            publisher.send(topics.status(), "m-3", status("m-3", Outcome.ROUTED, 1));
            publisher.send(topics.status(), "m-5", status("m-5", Outcome.RETRY_PENDING, 2));
            publisher.awaitAcks();
        }

        // when
        final CommandRun all = run("retry", "list");
        final CommandRun allJson = run("retry", "list", "-o", "json");
        final CommandRun unclassified = run("retry", "list", "--reason", "UNCLASSIFIED");
        final CommandRun release = run("retry", "release", "m-2");
        final CommandRun routed = run("retry", "release", "m-3");
        final CommandRun again = run("retry", "release", "m-2");
        final CommandRun after = run("retry", "list");

        // then
        assertThat(all.out())
                .contains("m-1", "m-2", "root+new@example.co.jp", "2 mails waiting")
                .doesNotContain("m-3", "m-4", "m-5");
        assertThat(JSON.readTree(allJson.out()))
                .extracting(node -> node.get("mailId").asText())
                .containsExactlyInAnyOrder("m-1", "m-2");
        assertThat(unclassified.out()).contains("m-2").doesNotContain("m-1 ");
        assertThat(release.exitCode()).as(release.err()).isZero();
        assertThat(release.out()).contains("released m-2 (UNCLASSIFIED, attempt 3)");
        assertThat(routed.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(routed.err()).contains("no waiting mail m-3");
        assertThat(again.exitCode()).as("released once only").isEqualTo(ExitCodes.FAILURE);
        assertThat(after.out()).contains("m-1").doesNotContain("m-2").contains("1 mails waiting");
        final List<TopicReader.Entry<RawMail>> republished =
                new TopicReader(settings).readAll(topics.raw(), "m-2"::equals, READ);
        assertThat(republished).hasSize(1);
        assertThat(republished.get(0).value().getAttempt()).isEqualTo(3);
        assertThat(republished.get(0).value().getResubmittedFrom())
                .isEqualTo(topics.retry().name());
        assertThat(StandardCharsets.US_ASCII
                        .decode(republished.get(0).value().getContent())
                        .toString())
                .isEqualTo("mail\n");
        assertThat(latest(topics.retry())).containsEntry("m-2", null);
    }

    @Test
    void retryListAndDlqListAndShowPrintAHostileMailsTextEscaped() throws Exception {
        // given: a sender address and an error message that carry terminal control sequences
        final RetryMail waiting = RetryMail.newBuilder(retry("m-1", RetryReason.ACCOUNT_UNKNOWN, 1))
                .setWaitingFor(List.of("\u001b]0;owned\u0007root@example.co.jp"))
                .build();
        final DeadLetter letter = DeadLetter.newBuilder()
                .setMailId("m-2")
                .setStage(Stage.PARSE)
                .setErrorClass("MailParseException")
                .setMessage("bad header \u001b[2J\u009b31m\u202eexe.pdf")
                .setRaw(ref("m-2"))
                .setFailedAt(Instant.parse("2026-11-23T08:00:03Z"))
                .build();
        try (TopicPublisher publisher = new TopicPublisher(settings)) {
            publisher.send(topics.retry(), "m-1", waiting);
            publisher.send(topics.status(), "m-1", status("m-1", Outcome.RETRY_PENDING, 1));
            publisher.send(topics.dlq(), "m-2", letter);
            publisher.awaitAcks();
        }

        // when
        final String retryJson = run("retry", "list", "--output", "json").out();
        final String dlqJson = run("dlq", "list", "--output", "json").out();
        final String printed = run("retry", "list").out()
                + run("dlq", "list").out()
                + run("dlq", "show", "m-2").out()
                + retryJson
                + dlqJson;

        // then
        assertThat(printed)
                .contains("\\u001b]0;owned\\u0007root@example.co.jp")
                .contains("bad header \\u001b[2J\\u009b31m\\u202eexe.pdf")
                .doesNotContain("\u001b", "\u0007", "\u009b", "\u202e");
        assertThat(JSON.readTree(retryJson).get(0).get("waitingFor").get(0).asText())
                .isEqualTo("\u001b]0;owned\u0007root@example.co.jp");
        final JsonNode deadLetter = JSON.readTree(dlqJson).get(0);
        assertThat(deadLetter.get("mailId").asText()).isEqualTo("m-2");
        assertThat(deadLetter.get("stage").asText()).isEqualTo("PARSE");
        assertThat(deadLetter.get("message").asText()).isEqualTo("bad header \u001b[2J\u009b31m\u202eexe.pdf");
    }

    @Test
    void appReplayIsRefusedWhileTheApplicationRunsAndThenResetsOffsetsAndDeletesInternalTopics() throws Exception {
        // given: the application consumed mail.raw and keeps state in internal topics
        final String appId = "replay-app-" + prefix.replace(".", "");
        final TopicPartition raw0 = new TopicPartition(topics.raw().name(), 0);
        final TopicPartition raw1 = new TopicPartition(topics.raw().name(), 1);
        try (TopicPublisher publisher = new TopicPublisher(settings)) {
            for (int i = 0; i < 6; i++) {
                publisher.send(topics.raw(), "m-" + i, rawMail("m-" + i, 0));
            }
            publisher.awaitAcks();
        }
        final String changelog = appId + "-retry-waiting-store-changelog";
        final String repartition = appId + "-by-owner-repartition";
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(changelog, 1, (short) 1), new NewTopic(repartition, 1, (short) 1)))
                    .all()
                    .get();
        }
        final Map<String, Object> props = new HashMap<>(stack.client().kafka());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, appId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final CommandRun refused;
        try (KafkaConsumer<byte[], byte[]> app =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            app.subscribe(List.of(topics.raw().name()));
            final AtomicInteger consumed = new AtomicInteger();
            await().atMost(READ)
                    .until(() ->
                            consumed.addAndGet(app.poll(Duration.ofMillis(200)).count()) == 6);
            app.commitSync();

            // when
            refused = run("replay", "--app", "--application-id", appId, "--to-earliest");
        }
        final CommandRun dryRun = run("replay", "--app", "--application-id", appId, "--to-earliest", "--dry-run");
        final Map<TopicPartition, OffsetAndMetadata> beforeReset;
        try (Admin admin = admin()) {
            beforeReset = admin.listConsumerGroupOffsets(appId)
                    .partitionsToOffsetAndMetadata()
                    .get();
        }
        final CommandRun reset = run("replay", "--app", "--application-id", appId, "--to-earliest");

        // then
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(refused.err()).contains("active member").contains("stop mailroute first");
        assertThat(dryRun.out())
                .contains("would reset", topics.raw().name(), topics.retry().name(), changelog, repartition);
        assertThat(beforeReset.get(raw0).offset() + beforeReset.get(raw1).offset())
                .isEqualTo(6);
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        assertThat(reset.out()).contains("Start mailroute again");
        try (Admin admin = admin()) {
            final Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(appId)
                    .partitionsToOffsetAndMetadata()
                    .get();
            assertThat(offsets.get(raw0).offset()).isZero();
            assertThat(offsets.get(raw1).offset()).isZero();
            await().atMost(READ)
                    .untilAsserted(() -> assertThat(admin.listTopics().names().get())
                            .doesNotContain(changelog, repartition)
                            .contains(topics.raw().name()));
        }
    }

    @Test
    void laneReplayMovesASubscriberGroupToADateTimeAndNeedsTheGroup() throws Exception {
        // given: a subscriber read all of mail.notify
        final String group = "helpdesk-" + prefix.replace(".", "");
        final List<TopicPartition> partitions = List.of(
                new TopicPartition(topics.notifications().name(), 0),
                new TopicPartition(topics.notifications().name(), 1));
        try (Admin admin = admin()) {
            admin.alterConsumerGroupOffsets(
                            group,
                            Map.of(
                                    partitions.get(0),
                                    new OffsetAndMetadata(0),
                                    partitions.get(1),
                                    new OffsetAndMetadata(0)))
                    .all()
                    .get();
        }

        // when
        final CommandRun withoutGroup = run("replay", "--lane", "NOTIFY", "--to-earliest");
        final CommandRun badTime = run("replay", "--lane", "NOTIFY", "--group", group, "--to-datetime", "yesterday");
        final CommandRun reset =
                run("replay", "--lane", "notify", "--group", group, "--to-datetime", "2026-11-23T08:00:00Z");

        // then
        assertThat(withoutGroup.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(withoutGroup.err()).contains("--lane needs --group");
        assertThat(badTime.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badTime.err()).contains("'yesterday' is no ISO 8601 date-time");
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        assertThat(reset.out())
                .contains("resetting group " + group + " on "
                        + topics.notifications().name());
    }

    @Test
    void suppressionsListExportAndRemoveTheAddressesOfMailSuppressions() throws Exception {
        // given: two hard bounces (one from a hostile report) and one promoted soft bounce
        final String hostile = "\"evil,\u001b]0;pwn\u0007\"@example.com";
        try (TopicPublisher publisher = new TopicPublisher(settings)) {
            publisher.send(
                    topics.suppressions(),
                    "taro.@docomo.ne.jp",
                    suppression("taro.@docomo.ne.jp", "userunknown", true));
            publisher.send(
                    topics.suppressions(), "full@example.net", suppression("full@example.net", "mailboxfull", false));
            publisher.send(topics.suppressions(), hostile, suppression(hostile, "userunknown", true));
            publisher.awaitAcks();
        }
        final Path csv = dir.resolve("suppressions.csv");

        // when
        final CommandRun list = run("suppressions", "list");
        final CommandRun hardOnly = run("suppressions", "list", "--reason", "userunknown", "--hard");
        final CommandRun exported = run("suppressions", "export", "--format", "ses-csv");
        final CommandRun toFile =
                run("suppressions", "export", "--format", "ses-csv", "--hard", "--out", csv.toString());
        final CommandRun badFormat = run("suppressions", "export", "--format", "json");
        final CommandRun removed = run("suppressions", "remove", "taro.@DOCOMO.NE.JP ", "nobody@example.org");

        // then
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out())
                .contains("ADDRESS", "LAST MAIL ID", "3 addresses suppressed")
                .containsPattern(
                        "taro\\.@docomo\\.ne\\.jp +userunknown +hard +VERIFIED +2 +2026-11-20T09:00:00Z +m-taro\\.@docomo\\.ne\\.jp")
                .containsPattern("full@example\\.net +mailboxfull +soft")
                .contains("\\u001b]0;pwn\\u0007")
                .doesNotContain("\u001b", "\u0007");
        assertThat(hardOnly.out())
                .contains("taro.@docomo.ne.jp", "2 addresses suppressed")
                .doesNotContain("full@");
        assertThat(exported.exitCode()).as("a hostile address is refused").isEqualTo(ExitCodes.PARTIAL);
        assertThat(exported.out())
                .as("ordered by address")
                .isEqualTo("full@example.net,BOUNCE\r\ntaro.@docomo.ne.jp,BOUNCE\r\n");
        assertThat(exported.err()).contains("not exported", "\\u001b]0;pwn").doesNotContain("\u001b");
        assertThat(toFile.exitCode()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(Files.readString(csv)).isEqualTo("taro.@docomo.ne.jp,BOUNCE\r\n");
        assertThat(badFormat.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(removed.out()).contains("removed taro.@docomo.ne.jp", "nobody@example.org was not suppressed");
        assertThat(latest(topics.suppressions()))
                .containsEntry("taro.@docomo.ne.jp", null)
                .containsEntry("nobody@example.org", null);
    }

    @Test
    void sentCountsImportPublishesEachCountUnderItsRateScopeAndReportsBadRows() throws Exception {
        // given
        final Path csv = file("sent.csv", """
                scope,id,count,windowStart,windowEnd,source
                owner,123456789012,1520,2026-11-20T09:00:00Z,2026-11-20T09:15:00Z,ses-send-statistics
                domain,Mailer.Example.com,980,2026-11-20T09:00:00Z,2026-11-20T10:00:00Z,cloudwatch
                domain,mailer.example.com,-1,2026-11-20T09:00:00Z,2026-11-20T10:00:00Z
                """);

        // when
        final CommandRun result = run("sent-counts", "import", csv.toString());

        // then
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(result.err()).contains("sent.csv:4: count must be a whole number of mails, not '-1'");
        assertThat(result.out())
                .contains("sent.csv: 2 sent counts, 1 rows rejected; on "
                        + topics.sentCounts().name());
        final Map<String, SentCount> sent = latest(topics.sentCounts());
        assertThat(sent).containsOnlyKeys("owner:123456789012", "domain:mailer.example.com");
        assertThat(sent.get("owner:123456789012").getCount()).isEqualTo(1520);
        assertThat(sent.get("domain:mailer.example.com").getScope()).isEqualTo(SentScope.DOMAIN);
        assertThat(sent.get("domain:mailer.example.com").getSource()).isEqualTo("cloudwatch");
    }

    private static Suppression suppression(final String address, final String reason, final boolean hard) {
        return Suppression.newBuilder()
                .setAddress(address)
                .setReason(reason)
                .setHardBounce(hard)
                .setCount(hard ? 2 : 3)
                .setFirstSeen(Instant.parse("2026-11-19T09:00:00Z"))
                .setLastSeen(Instant.parse("2026-11-20T09:00:00Z"))
                .setLastMailId("m-" + address)
                .setBasis(SuppressionBasis.VERIFIED)
                .setReportingDomains(List.of("example.com"))
                .build();
    }
}
