package io.mailroute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whole hostile mails of up to a megabyte through the production topology (parse, bounce
 * detection, rules, extractions, owner fallback, subject shape): each reaches its outcome within
 * {@link HostileText#BOUND}, without overflowing the stack.
 */
class HostileTextInMailTest {
    /** The parser's limit of a header value. */
    private static final int FIELD_CHARS = 64 * 1024;
    /** A sender the AWS rules accept, so that their subject conditions and extractions run; and a bounce's. */
    private static final List<String> SENDERS = List.of("aws-notifications@amazon.com", "MAILER-DAEMON@example.com");

    @Test
    void shouldBringEveryHostileMailToItsOutcomeWithinTheBound() {
        try (TestPipeline pipeline = new TestPipeline("HostileTextInMailTest")) {
            pipeline.send(TestPipeline.inline("warm-up", TestMails.awsBilling("root@example.com")));
            pipeline.drainAll();
            Duration slowest = Duration.ZERO;
            String slowestMail = "";
            int n = 0;
            for (final Map.Entry<String, String> text : HostileText.samples().entrySet()) {
                final String field =
                        text.getValue().substring(0, Math.min(text.getValue().length(), FIELD_CHARS));
                for (final String sender : SENDERS) {
                    final String what = "a mail from " + sender + " with " + text.getKey();
                    final byte[] mail = TestMails.mail(sender, "root@example.com", field, text.getValue());
                    final String mailId = "hostile-" + n++;
                    final Duration took =
                            HostileText.time(what, () -> pipeline.send(TestPipeline.inline(mailId, mail)));
                    assertThat(pipeline.drainAll())
                            .as(what)
                            .anyMatch(w ->
                                    w.topic().equals(pipeline.topics.status().name()));
                    if (took.compareTo(slowest) > 0) {
                        slowest = took;
                        slowestMail = what;
                    }
                }
            }
            System.out.printf("whole mail: %d hostile mails, slowest %d ms (%s)%n", n, slowest.toMillis(), slowestMail);
        }
    }
}
