package io.mailroute.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {
    @Test
    void shouldFindTheMetricsOfAnAggregationOverARate() {
        assertThat(
                        PromQlMetricNames.of(
                                "sum by (lane, rule) (rate(mailroute_rule_records_total{lane=\"NOTIFY\"}[$__rate_interval])) * 60"))
                .containsExactly("mailroute_rule_records_total");
    }

    @Test
    void shouldFindEveryOperandOfABinaryExpression() {
        assertThat(
                        PromQlMetricNames.of(
                                "max(mailroute_retry_waiting) > 100 and on (pod) up unless bool mailroute_streams_state offset 5m"))
                .containsExactly("mailroute_retry_waiting", "mailroute_streams_state", "up");
    }

    @Test
    void shouldSkipLabelValuesStringsNumbersAndTrailingGrouping() {
        assertThat(
                        PromQlMetricNames.of(
                                "topk(10, sum(increase(x_total{outcome=~\"FAIL.*|not_a_metric\"}[1h])) without (channel)) / 1e3"))
                .containsExactly("x_total");
    }

    @Test
    void shouldKeepAMisspelledMetricName() {
        assertThat(PromQlMetricNames.of("sum(rate(mailroute_lane_record_total[5m]))"))
                .containsExactly("mailroute_lane_record_total");
    }
}
