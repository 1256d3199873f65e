package io.mailroute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What each mail costs in records: every record the topology writes (lanes, status, retries, dead
 * letters, alerts, repartition topics and store changelogs) for a batch of mails of one kind,
 * per mail. The driver commits after every input record, so no store cache absorbs a write here
 * that a running application's would: these are upper bounds.
 */
class RecordsWrittenPerMailTest {
    private static final int MAILS = 20;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // golden mail | records per mail by topic: two flood keys (sender, owner), tallied once
                // per batch, cost 4 records per 20 mails
                "aws-billing-en | flood-count-repartition=0.20, flood-count-store-changelog=0.20,"
                        + " mail-dedup-store-changelog=1, mail.notify=1, mail.status=1",
                "aws-support-case | flood-count-repartition=0.20, flood-count-store-changelog=0.20,"
                        + " mail-dedup-store-changelog=1, mail.status=1, mail.ticket=1",
                "rakuten-order | flood-count-repartition=0.20, flood-count-store-changelog=0.20,"
                        + " mail-dedup-store-changelog=1, mail.order-import=1, mail.status=1",
                // no owner, so one flood key; the wait is kept in the retry store too
                "unknown-owner | flood-count-repartition=0.10, flood-count-store-changelog=0.10,"
                        + " mail-dedup-store-changelog=1, mail.retry=1, mail.status=1,"
                        + " retry-waiting-store-changelog=1",
                // no flood keys at all
                "not-a-mail | mail-dedup-store-changelog=1, mail.dlq=1, mail.status=1",
                // a bounce is ticketed, suppressed and measured per address and scope
                "dsn-user-unknown | bounce-by-address-repartition=1, bounce-rate-scope-repartition=2,"
                        + " bounce-rate-store-changelog=2, bounce-ticket-expiry-store-changelog=1.95,"
                        + " bounce-ticket-store-changelog=1, flood-count-repartition=0.20,"
                        + " flood-count-store-changelog=0.20, mail-dedup-store-changelog=1, mail.status=1,"
                        + " mail.suppressions=1, mail.ticket=1, soft-bounce-store-changelog=0.05,"
                        + " suppression-store-changelog=1",
            })
    void shouldWriteNoMoreRecordsPerMailThanThese(final String golden, final String expected) throws IOException {
        // given
        final byte[] mail = Files.readAllBytes(GoldenMailsTest.MAILS.resolve(golden + ".eml"));
        try (TestPipeline pipeline = new TestPipeline("RecordsWrittenPerMailTest-" + golden)) {
            GoldenMailsTest.ACCOUNTS.forEach(a -> pipeline.addAccount(a[0], a[1], a[2]));
            GoldenMailsTest.CONTACTS.forEach((id, c) -> pipeline.addContacts(id, c[1], c[0].split(";")));
            countWritten(pipeline);

            // when
            for (int i = 0; i < MAILS; i++) {
                pipeline.send(TestPipeline.inline(golden + "-" + i + ".eml", mail));
            }
            // past the time slice of the flood tallies, not as far as the retries' backoff
            pipeline.advance(Duration.ofSeconds(5));

            // then
            assertThat(perMail(countWritten(pipeline))).isEqualTo(expected);
        }
    }

    /** Records written to each topic since the last call, drained. */
    private static Map<String, Integer> countWritten(final TestPipeline pipeline) {
        final Map<String, Integer> written = new TreeMap<>();
        for (final String topic : pipeline.driver.producedTopicNames()) {
            final TestOutputTopic<byte[], byte[]> output =
                    pipeline.driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            final int count = output.readRecordsToList().size();
            if (count > 0) {
                written.put(topic.replace(TestPipeline.APPLICATION_ID + "-", ""), count);
            }
        }
        return written;
    }

    private static String perMail(final Map<String, Integer> written) {
        final Map<String, String> perMail = new TreeMap<>();
        written.forEach((topic, count) -> perMail.put(
                topic,
                count % MAILS == 0
                        ? Integer.toString(count / MAILS)
                        : String.format(Locale.ROOT, "%.2f", count / (double) MAILS)));
        return perMail.toString().replace("{", "").replace("}", "");
    }
}
