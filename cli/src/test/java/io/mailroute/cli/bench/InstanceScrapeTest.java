package io.mailroute.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which records-consumed counters are an instance's mails: lines as a {@code mailroute run} instance's
 * /metrics served them (Kafka 4.3.2, micrometer 1.17), cut to the consumers it runs.
 */
class InstanceScrapeTest {
    private static final String APP = "mailroute-3e716dee-cc51-4069-b97f-a5706292e445";
    private static final String METRICS = """
            # HELP kafka_consumer_fetch_manager_records_consumed_total The total number of records consumed
            # TYPE kafka_consumer_fetch_manager_records_consumed_total counter
            kafka_consumer_fetch_manager_records_consumed_total{client_id="%1$s-StateUpdater-1-restore-consumer",kafka_version="4.3.2",topic="mail.raw"} 9.0
            kafka_consumer_fetch_manager_records_consumed_total{client_id="%1$s-StreamThread-1-consumer",kafka_version="4.3.2",topic="mail.raw"} 5.0
            kafka_consumer_fetch_manager_records_consumed_total{client_id="%1$s-StreamThread-1-consumer",kafka_version="4.3.2",topic="mail_raw"} 5.0
            kafka_consumer_fetch_manager_records_consumed_total{client_id="%1$s-StreamThread-1-consumer",kafka_version="4.3.2",topic="mail.status"} 5.0
            kafka_consumer_fetch_manager_records_consumed_total{client_id="%1$s-StreamThread-2-consumer",kafka_version="4.3.2",topic="mail.raw"} 7.0
            kafka_consumer_fetch_manager_records_consumed_total{client_id="%1$s-global-consumer",kafka_version="4.3.2",topic="mail.accounts"} 4.0
            kafka_consumer_fetch_manager_records_consumed_total{client_id="mailroute-status-lanes",kafka_version="4.3.2",topic="mail.raw"} 13.0
            kafka_consumer_fetch_manager_records_consumed_rate{client_id="%1$s-StreamThread-1-consumer",kafka_version="4.3.2",topic="mail.raw"} 0.5
            kafka_stream_topic_records_consumed_total{processor_node_id="mail-raw-source",task_id="3_0",thread_id="%1$s-StreamThread-1",topic="mail.raw"} 5.0
            """.formatted(APP);

    @Test
    void shouldCountWhatTheStreamThreadsConsumedFromTheTopicOnce() {
        // when
        final InstanceScrape scrape = InstanceScrape.of(PrometheusText.samples(METRICS), "mail.raw");

        // then: StreamThread-1 and -2 on mail.raw, not mail_raw, the restore consumer nor the status server's
        assertThat(scrape.reachable()).isTrue();
        assertThat(scrape.consumed()).hasValue(12);
    }

    @Test
    void shouldCountNothingBeforeTheTopicsMeterIsBound() {
        // given: before micrometer has bound the per-topic meters, the counter has no topic label
        final String unbound = "kafka_consumer_fetch_manager_records_consumed_total{client_id=\"" + APP
                + "-StreamThread-1-consumer\",kafka_version=\"4.3.2\"} 21.0\n";

        // when
        final InstanceScrape scrape = InstanceScrape.of(PrometheusText.samples(unbound), "mail.raw");

        // then
        assertThat(scrape.consumed()).hasValue(0);
    }
}
