package io.mailroute.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mailroute.stack.ClusterFile;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each instance's mails, mails/s and share from its counters before and after the phase. */
class InstanceThroughputTest {
    private static final List<ClusterFile.Instance> INSTANCES = List.of(
            new ClusterFile.Instance(101, "http://127.0.0.1:8080/"),
            new ClusterFile.Instance(102, "http://127.0.0.1:8081/"),
            new ClusterFile.Instance(103, "http://127.0.0.1:8082/"));

    @Test
    void shouldSplitTheMailsByWhatEachInstanceConsumed() {
        // given: 150, 50 and 0 mails in 4 s
        final List<InstanceScrape> before =
                List.of(InstanceScrape.read(1_000), InstanceScrape.read(0), InstanceScrape.read(7));
        final List<InstanceScrape> after =
                List.of(InstanceScrape.read(1_150), InstanceScrape.read(50), InstanceScrape.read(7));

        // when
        final List<InstanceThroughput> throughput = InstanceThroughput.of(INSTANCES, before, after, 4);

        // then
        assertThat(throughput).extracting(InstanceThroughput::pid).containsExactly(101L, 102L, 103L);
        assertThat(throughput).extracting(InstanceThroughput::mails).containsExactly(150L, 50L, 0L);
        assertThat(throughput).extracting(InstanceThroughput::mailsPerSec).containsExactly(37.5, 12.5, 0.0);
        assertThat(throughput).extracting(InstanceThroughput::share).containsExactly(0.75, 0.25, 0.0);
        assertThat(throughput).allMatch(InstanceThroughput::reachable);
        assertThat(InstanceThroughput.total(before, after)).isEqualTo(200);
    }

    @Test
    void shouldCountFromZeroWhenACounterRestarted() {
        // given: the second instance's stream thread was replaced and counts 30 since
        final List<InstanceScrape> before = List.of(InstanceScrape.read(100), InstanceScrape.read(500));
        final List<InstanceScrape> after = List.of(InstanceScrape.read(190), InstanceScrape.read(30));

        // when
        final List<InstanceThroughput> throughput = InstanceThroughput.of(INSTANCES.subList(0, 2), before, after, 2);

        // then
        assertThat(throughput).extracting(InstanceThroughput::mails).containsExactly(90L, 30L);
        assertThat(throughput.get(0).share()).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void shouldReportAnInstanceThatDidNotAnswerAsUnreachableAndLeaveItOutOfTheShares() {
        // given
        final List<InstanceScrape> before = List.of(
                InstanceScrape.read(0), InstanceScrape.read(0), InstanceScrape.unreachable("connection refused"));
        final List<InstanceScrape> after =
                List.of(InstanceScrape.read(60), InstanceScrape.unreachable("HTTP 503"), InstanceScrape.read(40));

        // when
        final List<InstanceThroughput> throughput = InstanceThroughput.of(INSTANCES, before, after, 3);

        // then
        assertThat(throughput).extracting(InstanceThroughput::reachable).containsExactly(true, false, false);
        assertThat(throughput)
                .extracting(InstanceThroughput::problem)
                .containsExactly(Optional.empty(), Optional.of("HTTP 503"), Optional.of("connection refused"));
        assertThat(throughput).extracting(InstanceThroughput::mails).containsExactly(60L, 0L, 0L);
        assertThat(throughput).extracting(InstanceThroughput::share).containsExactly(1.0, 0.0, 0.0);
        assertThat(throughput.get(0).mailsPerSec()).isEqualTo(20);
    }
}
