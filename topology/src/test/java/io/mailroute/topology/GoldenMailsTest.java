package io.mailroute.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: every {@code mails/<case>.eml} goes through the whole topology (default rule pack,
 * the accounts of {@link #ACCOUNTS}) as mail id {@code <case>.eml}, and everything written must
 * equal {@code mails/<case>.expected.json}. A missing expectation is written from the actual
 * output and the test fails, so that a human reviews it before committing it.
 */
class GoldenMailsTest {
    static final Path MAILS = Path.of("src/test/resources/mails");

    /** The owners the golden mails are addressed to: account id, address, name. */
    static final List<String[]> ACCOUNTS = List.of(
            new String[] {"123456789012", "aws-root-1@example.co.jp", "Example Production"},
            new String[] {"210987654321", "aws-root-2@example.co.jp", "Example Development"},
            new String[] {"444455556666", "shared-root@example.co.jp", "Shared Billing A"},
            new String[] {"777788889999", "shared-root@EXAMPLE.co.jp", "Shared Billing B"},
            new String[] {"ne-001", "ne-001@shops.example.jp", "Rakuten store"},
            new String[] {"ne-002", "ne-002@shops.example.jp", "Amazon store"},
            new String[] {"ne-010", "taro.@docomo.ne.jp", "Carrier store Taro"},
            new String[] {"ne-011", "a..b@ezweb.ne.jp", "Carrier store AB"},
            new String[] {"sender-01", "bounces@mailer.example.com", "Bulk sender"});

    /**
     * The contacts of the owners, by account id: recipients separated by {@code ;}, locale. Shared
     * Billing B has none, so its notices show the NO_CONTACTS alert.
     */
    static final Map<String, String[]> CONTACTS = Map.of(
            "123456789012", new String[] {"ops@example.co.jp;cto@example.co.jp", "ja"},
            "210987654321", new String[] {"dev-ops@example.co.jp", "ja"},
            "444455556666", new String[] {"billing-a@example.co.jp", "en"},
            "ne-001", new String[] {"rakuten@shops.example.jp", "ja"},
            "ne-002", new String[] {"amazon@shops.example.jp", "ja"},
            "ne-010", new String[] {"taro.@docomo.ne.jp", "ja"},
            "ne-011", new String[] {"a..b@ezweb.ne.jp", "ja"},
            "sender-01", new String[] {"postmaster@mailer.example.com", "en"});

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(MAILS)) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".eml"))
                    .map(n -> n.substring(0, n.length() - ".eml".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldWriteWhatTheGoldenFileSays(final String name) throws IOException {
        // given
        final byte[] mail = Files.readAllBytes(MAILS.resolve(name + ".eml"));
        final Path expectedFile = MAILS.resolve(name + ".expected.json");
        try (TestPipeline pipeline = new TestPipeline("GoldenMailsTest-" + name)) {
            ACCOUNTS.forEach(a -> pipeline.addAccount(a[0], a[1], a[2]));
            CONTACTS.forEach((id, c) -> pipeline.addContacts(id, c[1], c[0].split(";")));

            // when
            pipeline.send(TestPipeline.inline(name + ".eml", mail));
            final String actual = JSON.writeValueAsString(json(pipeline.drainAll())) + "\n";

            // then
            if (!Files.exists(expectedFile)) {
                Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
                fail("No expectation for " + name + "; wrote " + expectedFile
                        + " from the actual output: review and commit it");
            }
            assertThat(actual).isEqualTo(JSON.writeValueAsString(JSON.readTree(expectedFile.toFile())) + "\n");
        }
    }

    /** The records as {@code [{"topic","key","value"}]}, values as Avro's JSON, raw mail bytes left out. */
    static ArrayNode json(final List<TestPipeline.Written> written) throws IOException {
        final ArrayNode array = JSON.createArrayNode();
        for (final TestPipeline.Written w : written) {
            final TestRecord<String, ?> record = w.record();
            final ObjectNode node = array.addObject();
            node.put("topic", w.topic());
            node.put("key", record.key());
            final JsonNode value = JSON.readTree(record.value().toString());
            final JsonNode mail = value.path("mail");
            if (mail.isObject() && mail.has("content")) {
                ((ObjectNode) mail).put("content", "(" + mail.path("size").asLong() + " bytes)");
            }
            node.set("value", value);
        }
        return array;
    }
}
