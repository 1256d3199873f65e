package io.mailroute.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.Lane;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ViewsTest {

    @Test
    void shouldShowAWaitingMailWithoutItsBytes() {
        // given
        final String body = "Subject: hi\r\n\r\nPRIVATE BODY TEXT";

        // when
        final String json =
                new String(Json.bytes(Views.RetryView.of(Fixtures.retry("m-9", body))), StandardCharsets.UTF_8);

        // then
        assertThat(json)
                .contains(
                        "\"mailId\":\"m-9\"",
                        "\"reason\":\"UNCLASSIFIED\"",
                        "\"nextAttemptAt\":\"2026-11-20T09:05:00Z\"",
                        "\"raw\":{\"bucket\":\"mail-inbound\",\"key\":\"m-9\"")
                .doesNotContain("PRIVATE BODY TEXT", "content");
    }

    @Test
    void shouldShowALaneRecordWithoutItsTextExcerpt() {
        // when
        final String json = new String(
                Json.bytes(Views.LaneMail.of(Fixtures.classified("m-1", Lane.NOTIFY, "aws-billing"), 5)),
                StandardCharsets.UTF_8);

        // then
        assertThat(json)
                .contains("\"ruleId\":\"aws-billing\"", "\"lane\":\"NOTIFY\"")
                .doesNotContain("body text");
    }

    @Test
    void shouldNeverPrintTheTokenOfTheSettings() {
        // given
        final StatusServer.Settings settings =
                StatusServer.Settings.local().withBinding("0.0.0.0", 0).withToken("hunter2-token");

        // then
        assertThat(settings.toString()).contains("0.0.0.0:0", "token set").doesNotContain("hunter2");
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(20));
    }
}
