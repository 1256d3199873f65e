package io.mailroute.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Prometheus text format as a status server's /metrics writes it. */
class PrometheusTextTest {

    @Test
    void shouldReadNamesLabelsAndValuesAndSkipComments() {
        // given
        final String text = """
                # HELP process_uptime_seconds The uptime of the Java virtual machine
                # TYPE process_uptime_seconds gauge
                process_uptime_seconds 73.5

                lane_mails_total{lane="ticket",note="say \\"hi\\"\\\\ \\nbye"} 4.0 1733460000000
                kafka_heap{a="1", b="x,y}"} +Inf
                """;

        // when
        final List<PrometheusText.Sample> samples = PrometheusText.samples(text);

        // then
        assertThat(samples)
                .containsExactly(
                        new PrometheusText.Sample("process_uptime_seconds", Map.of(), 73.5),
                        new PrometheusText.Sample(
                                "lane_mails_total", Map.of("lane", "ticket", "note", "say \"hi\"\\ \nbye"), 4.0),
                        new PrometheusText.Sample(
                                "kafka_heap", Map.of("a", "1", "b", "x,y}"), Double.POSITIVE_INFINITY));
    }

    @Test
    void shouldRefuseALineThatIsNotASample() {
        assertThatThrownBy(() -> PrometheusText.samples("ok 1\nbroken{lane=\"ticket} 4\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> PrometheusText.samples("no_value\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> PrometheusText.samples("words are not numbers\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a number");
    }
}
