package io.mailroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
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

    private static Delivery delivery(
            final DeliveryOutcome outcome, final String detail, final List<String> recipients) {
        return Delivery.newBuilder()
                .setMailId("m-1")
                .setOwnerId("111111111111")
                .setChannel(DeliveryChannel.SMTP)
                .setOutcome(outcome)
                .setDetail(detail)
                .setRecipients(recipients)
                .setAttempt(outcome == DeliveryOutcome.RETRYING ? 2 : 1)
                .setAt(Instant.parse("2026-12-05T10:00:00Z"))
                .build();
    }

    @Test
    void shouldDescribeEachDeliveryOutcomeAsASentence() {
        assertThat(StatusCommand.describe(
                        delivery(DeliveryOutcome.DELIVERED, "250 2.0.0 OK", List.of("ops@example.co.jp"))))
                .isEqualTo("delivered to ops@example.co.jp by smtp, 250 2.0.0 OK, at 2026-12-05T10:00:00Z");
        assertThat(StatusCommand.describe(delivery(DeliveryOutcome.FAILED, "no recipients", List.of())))
                .isEqualTo("failed by smtp: no recipients, at 2026-12-05T10:00:00Z");
        assertThat(StatusCommand.describe(delivery(
                        DeliveryOutcome.RETRYING,
                        "451 4.3.0 try again later",
                        List.of("a@example.jp", "b@example.jp"))))
                .isEqualTo("retrying by smtp (attempt 2): 451 4.3.0 try again later, at 2026-12-05T10:00:00Z");
        final Delivery chat = delivery(DeliveryOutcome.DELIVERED, null, List.of());
        chat.setChannel(DeliveryChannel.ORDER_WEBHOOK);
        assertThat(StatusCommand.describe(chat)).isEqualTo("delivered by order webhook, at 2026-12-05T10:00:00Z");
    }

    @Test
    void shouldPrintTheDeliveriesOfAMailWithTheRemoteReplyEscaped() {
        // given: the reply and the recipients come from outside
        final StringWriter printed = new StringWriter();

        // when
        StatusCommand.printDeliveries(
                new PrintWriter(printed),
                List.of(delivery(
                        DeliveryOutcome.DELIVERED, "250 OK\r\n\u001b[2J", List.of("ops@example.co.jp\u202e"))));
        StatusCommand.printDeliveries(new PrintWriter(printed), List.of());

        // then
        assertThat(printed.toString())
                .contains(
                        "deliveries\n  111111111111     delivered to ops@example.co.jp\\u202e by smtp, 250 OK \\u001b[2J, at")
                .contains("deliveries none")
                .doesNotContain("\u001b", "\u202e", "\r");
    }
}
