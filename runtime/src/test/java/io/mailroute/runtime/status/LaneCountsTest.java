package io.mailroute.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.Lane;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LaneCountsTest {
    private static final long NOW = Fixtures.T0.toEpochMilli();
    private static final Map<Lane, String> TOPICS = Map.of(Lane.NOTIFY, "mail.notify", Lane.TICKET, "mail.ticket");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LaneCounts counts =
            new LaneCounts(List.of(Lane.NOTIFY, Lane.TICKET), registry, Clock.fixed(Fixtures.T0, ZoneOffset.UTC), 2);

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void shouldCountRecordsPerLaneAndPerRule() {
        // when
        counts.add(Lane.NOTIFY, Fixtures.classified("m-1", Lane.NOTIFY, "aws-billing"), NOW - 10_000);
        counts.add(Lane.NOTIFY, Fixtures.classified("m-2", Lane.NOTIFY, "aws-billing"), NOW - 120_000);
        counts.add(
                Lane.TICKET,
                Fixtures.classified("m-3", Lane.TICKET, null),
                NOW - 3_600_000); // outside every rate window

        // then
        final Views.Lanes lanes = counts.snapshot(TOPICS);
        assertThat(lanes.lanes())
                .containsExactly(
                        new Views.LaneView("NOTIFY", "mail.notify", 2, 1.0, 0.4),
                        new Views.LaneView("TICKET", "mail.ticket", 1, 0.0, 0.0));
        assertThat(lanes.rules())
                .containsExactly(
                        new Views.RuleCount("NOTIFY", "aws-billing", 2),
                        new Views.RuleCount("TICKET", LaneCounts.NO_RULE, 1));
    }

    @Test
    void shouldExposeTheCountsAsPrometheusCounters() {
        // given
        counts.add(Lane.NOTIFY, Fixtures.classified("m-1", Lane.NOTIFY, "aws-billing"), NOW);
        counts.addUndecodable();

        // when
        final String scrape = registry.scrape();

        // then
        assertThat(scrape)
                .contains("mailroute_lane_records_total{lane=\"NOTIFY\"} 1.0")
                .contains("mailroute_lane_records_total{lane=\"TICKET\"} 0.0")
                .contains("mailroute_rule_records_total{lane=\"NOTIFY\",rule=\"aws-billing\"} 1.0")
                .contains("mailroute_lane_undecodable_total 1.0");
    }

    @Test
    void shouldKeepTheMostRecentRecordsNewestFirstUpToTheLimit() {
        // when
        counts.add(Lane.NOTIFY, Fixtures.classified("m-1", Lane.NOTIFY, "aws-billing"), NOW);
        counts.add(Lane.NOTIFY, Fixtures.classified("m-2", Lane.NOTIFY, "aws-billing"), NOW);
        counts.add(Lane.TICKET, Fixtures.classified("m-3", Lane.TICKET, "aws-support-case"), NOW);

        // then
        assertThat(counts.recent()).extracting(Views.LaneMail::mailId).containsExactly("m-3", "m-2");
        assertThat(counts.recent().get(0).ruleId()).isEqualTo("aws-support-case");
    }
}
