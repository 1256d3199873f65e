package io.mailroute.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.connectors.s3.S3EventMessages.Created;
import io.mailroute.connectors.s3.S3EventMessages.Events;
import io.mailroute.connectors.s3.S3EventMessages.Malformed;
import io.mailroute.connectors.s3.S3EventMessages.TestEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** S3 event notifications as S3 sends them to SQS, directly or through SNS, and bodies that are none. */
class S3EventMessagesTest {

    @Test
    void readsAnObjectCreatedRecordWithItsKeyDecoded() {
        final Events events = (Events) S3EventMessages.parse(resource("object-created-put.json"));

        assertThat(events.created())
                .containsExactly(new Created(
                        "mail-inbound",
                        "incoming/0a1b2c3d from=billing@example.com",
                        5120,
                        "9e107d9d372bb6826bd81d3542a419d6",
                        "0055AED6DCD90281E5"));
        assertThat(events.ignored()).isZero();
    }

    @Test
    void unwrapsAnSnsNotification() {
        final Events events = (Events) S3EventMessages.parse(resource("sns-wrapped.json"));

        assertThat(events.created()).extracting(Created::key).containsExactly("incoming/sns mail");
    }

    @Test
    void recognisesTheTestEvent() {
        assertThat(S3EventMessages.parse(resource("test-event.json"))).isInstanceOf(TestEvent.class);
    }

    @Test
    void keepsCreatedRecordsAndCountsOthers() {
        final Events events = (Events) S3EventMessages.parse(resource("removed-and-created.json"));

        assertThat(events.created()).extracting(Created::key).containsExactly("incoming/big");
        assertThat(events.ignored()).isEqualTo(1);
    }

    @Test
    void callsEverythingElseMalformedWithoutEchoingIt() {
        assertThat(S3EventMessages.parse("")).isInstanceOf(Malformed.class);
        assertThat(S3EventMessages.parse("Subject: secret\r\n")).isInstanceOf(Malformed.class);
        assertThat(S3EventMessages.parse("[1,2]")).isInstanceOf(Malformed.class);
        assertThat(S3EventMessages.parse("{\"Records\":{}}")).isInstanceOf(Malformed.class);
        assertThat(S3EventMessages.parse("{\"Type\":\"Notification\",\"Message\":\"not json\"}"))
                .isInstanceOf(Malformed.class);
        assertThat(S3EventMessages.parse(
                        "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{}}]}"))
                .isInstanceOf(Malformed.class);
        final Malformed badKey = (Malformed)
                S3EventMessages.parse(
                        "{\"Records\":[{\"eventSource\":\"aws:s3\","
                                + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"in/%zz-secret\"}}}]}");
        assertThat(badKey.reason()).contains("URL-encoded");
    }

    @Test
    void boundsTheWorkOnHostileBodies() {
        final String huge = "{\"Records\":[" + "{}".repeat(S3EventMessages.MAX_BODY_CHARS) + "]}";
        assertThat(((Malformed) S3EventMessages.parse(huge)).reason()).contains("more than");

        final String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThat(S3EventMessages.parse(deep)).isInstanceOf(Malformed.class);

        final String many = "{\"Records\":[" + String.join(",", Collections.nCopies(101, "{}")) + "]}";
        assertThat(((Malformed) S3EventMessages.parse(many)).reason()).contains("101 records");
    }

    private static String resource(final String name) {
        try (InputStream in = S3EventMessagesTest.class.getResourceAsStream("/s3-events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
