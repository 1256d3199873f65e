package io.mailroute.cli.bench;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one scrape of an instance's {@code /metrics} said about its main consumers: the records they
 * consumed from a topic, or why the instance could not be read.
 *
 * <p>The figure is Kafka's fetch-manager {@code records-consumed-total} for the topic, which
 * micrometer exports as {@value #RECORDS_CONSUMED} with the labels {@code client_id} and {@code
 * topic}, summed over the instance's stream threads ({@code <app>-<uuid>-StreamThread-<n>-consumer};
 * the restore, global and status consumers read other topics). Kafka also keeps the metric under
 * the topic's name with dots turned into underscores ({@code mail_raw}), which is not counted twice.
 * A topic's meter appears only once its consumer has fetched from it and micrometer has bound the new
 * meter (the status server looks for new Kafka metrics every 10 s): until then the instance counts 0.
 *
 * @param consumed the records consumed, when the instance answered
 * @param problem  why it could not be read, when it did not
 */
record InstanceScrape(OptionalLong consumed, Optional<String> problem) {
    static final String RECORDS_CONSUMED = "kafka_consumer_fetch_manager_records_consumed_total";
    private static final String STREAM_THREAD = "-StreamThread-";
    private static final String MAIN_CONSUMER = "-consumer";

    static InstanceScrape read(final long consumed) {
        return new InstanceScrape(OptionalLong.of(consumed), Optional.empty());
    }

    static InstanceScrape unreachable(final String problem) {
        return new InstanceScrape(OptionalLong.empty(), Optional.of(problem));
    }

    /** The records the stream threads' consumers of {@code samples} consumed from {@code topic}. */
    static InstanceScrape of(final List<PrometheusText.Sample> samples, final String topic) {
        long consumed = 0;
        for (final PrometheusText.Sample sample : samples) {
            final String client = sample.label("client_id");
            if (sample.name().equals(RECORDS_CONSUMED)
                    && topic.equals(sample.label("topic"))
                    && client != null
                    && client.contains(STREAM_THREAD)
                    && client.endsWith(MAIN_CONSUMER)
                    && Double.isFinite(sample.value())) {
                consumed += (long) sample.value();
            }
        }
        return read(consumed);
    }

    boolean reachable() {
        return consumed.isPresent();
    }
}
