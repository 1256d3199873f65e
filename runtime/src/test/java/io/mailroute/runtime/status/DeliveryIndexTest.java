package io.mailroute.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryIndexTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DeliveryIndex index = new DeliveryIndex(registry, 2);

    @AfterEach
    void close() {
        registry.close();
    }

    private static Delivery delivery(
            final String mailId, final String ownerId, final DeliveryOutcome outcome, final int attempt) {
        return Delivery.newBuilder()
                .setMailId(mailId)
                .setOwnerId(ownerId)
                .setChannel(DeliveryChannel.SMTP)
                .setOutcome(outcome)
                .setDetail(outcome == DeliveryOutcome.DELIVERED ? "250 2.0.0 OK" : "451 try later")
                .setRecipients(List.of("ops@example.co.jp"))
                .setAttempt(attempt)
                .setAt(Fixtures.T0.plusSeconds(attempt))
                .build();
    }

    @Test
    void shouldKeepTheLatestOutcomeOfEachDeliveryOfAMail() {
        // when
        index.add(delivery("m-1", "111111111111", DeliveryOutcome.RETRYING, 1));
        index.add(delivery("m-1", "222222222222", DeliveryOutcome.DELIVERED, 1));
        index.add(delivery("m-1", "111111111111", DeliveryOutcome.DELIVERED, 2));

        // then
        assertThat(index.of("m-1"))
                .containsExactly(
                        new Views.DeliveryView(
                                "SMTP",
                                "111111111111",
                                "DELIVERED",
                                "250 2.0.0 OK",
                                List.of("ops@example.co.jp"),
                                2,
                                "2026-11-20T09:00:02Z"),
                        new Views.DeliveryView(
                                "SMTP",
                                "222222222222",
                                "DELIVERED",
                                "250 2.0.0 OK",
                                List.of("ops@example.co.jp"),
                                1,
                                "2026-11-20T09:00:01Z"));
        assertThat(index.of("m-404")).isEmpty();
    }

    @Test
    void shouldForgetTheMailUpdatedLeastRecentlyBeyondItsLimit() {
        // given: m-1 updated after m-2, so m-2 is the oldest when m-3 arrives
        index.add(delivery("m-1", "111111111111", DeliveryOutcome.RETRYING, 1));
        index.add(delivery("m-2", "111111111111", DeliveryOutcome.DELIVERED, 1));
        index.add(delivery("m-1", "111111111111", DeliveryOutcome.DELIVERED, 2));

        // when
        index.add(delivery("m-3", "111111111111", DeliveryOutcome.DELIVERED, 1));

        // then
        assertThat(index.mails()).isEqualTo(2);
        assertThat(index.of("m-1")).hasSize(1);
        assertThat(index.of("m-2")).isEmpty();
        assertThat(index.of("m-3")).hasSize(1);
    }

    @Test
    void shouldForgetADeliveryOnItsTombstoneEvenWhenTheMailIdHoldsABar() {
        // given
        index.add(delivery("a|b", "111111111111", DeliveryOutcome.DELIVERED, 1));
        index.add(delivery("a|b", null, DeliveryOutcome.FAILED, 1));

        // when
        index.remove("a|b|111111111111|SMTP");
        index.remove("not-a-delivery-key");

        // then
        assertThat(index.of("a|b")).extracting(Views.DeliveryView::ownerId).containsExactly((String) null);

        // when
        index.remove("a|b||SMTP");

        // then
        assertThat(index.of("a|b")).isEmpty();
        assertThat(index.mails()).isZero();
    }

    @Test
    void shouldCountOutcomesPerChannelAsPrometheusCounters() {
        // given
        index.add(delivery("m-1", "111111111111", DeliveryOutcome.RETRYING, 1));
        index.add(delivery("m-1", "111111111111", DeliveryOutcome.DELIVERED, 2));
        index.add(delivery("m-2", null, DeliveryOutcome.FAILED, 1));
        index.addUndecodable();

        // when
        final String scrape = registry.scrape();

        // then
        assertThat(index.count(DeliveryChannel.SMTP, DeliveryOutcome.DELIVERED)).isEqualTo(1);
        assertThat(scrape)
                .contains("mailroute_deliveries_total{channel=\"SMTP\",outcome=\"DELIVERED\"} 1.0")
                .contains("mailroute_deliveries_total{channel=\"SMTP\",outcome=\"RETRYING\"} 1.0")
                .contains("mailroute_deliveries_total{channel=\"SMTP\",outcome=\"FAILED\"} 1.0")
                .contains("mailroute_deliveries_total{channel=\"HELPDESK\",outcome=\"FAILED\"} 0.0")
                .contains("mailroute_deliveries_undecodable_total 1.0");
    }
}
