package io.mailroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.Lane;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.Outcome;
import io.mailroute.avro.OwnerOutcome;
import io.mailroute.avro.RawRef;
import io.mailroute.avro.Stage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusCommandTest {

    @Test
    void shouldPrintTheControlCharactersOfAHostileMailEscaped() {
        // given
        final OwnerOutcome owner = OwnerOutcome.newBuilder()
                .setOwnerId("111111111111")
                .setOutcome(Outcome.ROUTED)
                .setLanes(List.of(Lane.NOTIFY))
                .setRuleId("aws-billing")
                .setDetail("rule said \u0008\u0008\u007fok") // rubs out what was printed
                .build();
        final MailStatus status = MailStatus.newBuilder()
                .setMailId("m-1")
                .setStage(Stage.ROUTE)
                .setOutcome(Outcome.ROUTED)
                .setSubject("Invoice\u001b]0;owned\u0007 \u202egnp.exe\u202c") // retitles the terminal, reverses text
                .setFrom("billing@example.com\r\u009b2K")
                .setOwners(List.of(owner))
                .setReceivedAt(Instant.parse("2026-11-23T08:00:00Z"))
                .setUpdatedAt(Instant.parse("2026-11-23T08:00:02Z"))
                .setRaw(RawRef.newBuilder()
                        .setBucket("mail-inbound")
                        .setKey("m-1")
                        .setSize(5)
                        .setSha256("00")
                        .build())
                .build();
        final StringWriter printed = new StringWriter();

        // when
        StatusCommand.print(new PrintWriter(printed), status);

        // then
        assertThat(printed.toString())
                .contains("subject    Invoice\\u001b]0;owned\\u0007 \\u202egnp.exe\\u202c")
                .contains("from       billing@example.com\\u000d\\u009b2K")
                .contains("detail=rule said \\u0008\\u0008\\u007fok")
                .doesNotContain("\u001b", "\u0007", "\r", "\u009b", "\u202e", "\u0008", "\u007f");
    }
}
