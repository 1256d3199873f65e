package io.mailroute.cli.local;

import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.TopicReader;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.topics.MailTopic;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.schemas.topics.Topic;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * How many mails each output lane holds, read from the lane topics: distinct mail ids per lane,
 * and the records behind them (a mail for two owners, or a waiting mail re-evaluated, makes more
 * records than mails).
 *
 * @param mails   distinct mail ids per lane, in lane order
 * @param records records per lane, in lane order
 */
public record LaneContents(Map<String, Long> mails, Map<String, Long> records) {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    public LaneContents {
        mails = Map.copyOf(mails);
        records = Map.copyOf(records);
    }

    /** The lanes, in the order they are printed. */
    public static final List<MailTopic> LANES = List.of(
            MailTopic.NOTIFY,
            MailTopic.TICKET,
            MailTopic.ORDER_IMPORT,
            MailTopic.QUARANTINE,
            MailTopic.RETRY,
            MailTopic.DLQ);

    /** Reads every lane topic of the cluster {@code client} points at. */
    public static LaneContents read(final ClientSettings client) {
        final Map<String, Long> mails = new LinkedHashMap<>();
        final Map<String, Long> records = new LinkedHashMap<>();
        final TopicReader reader = new TopicReader(client);
        try (SchemaRegistryClient registry = client.registry()) {
            final MailTopics topics = client.topics(registry);
            for (final MailTopic lane : LANES) {
                final List<String> mailIds = mailIds(reader, topic(topics, lane));
                records.put(lane.id(), (long) mailIds.size());
                mails.put(lane.id(), mailIds.stream().distinct().count());
            }
        }
        return new LaneContents(mails, records);
    }

    /** Mails in {@code lane} (0 for an unknown lane). */
    public long mails(final String lane) {
        return mails.getOrDefault(lane, 0L);
    }

    /** One line: {@code notify 4  ticket 4  order-import 2  quarantine 1  retry 1  dlq 1}. */
    public String table() {
        return LANES.stream().map(lane -> lane.id() + " " + mails(lane.id())).collect(Collectors.joining("  "));
    }

    private static Topic<String, ? extends SpecificRecord> topic(final MailTopics topics, final MailTopic lane) {
        return switch (lane) {
            case NOTIFY -> topics.notifications();
            case TICKET -> topics.ticket();
            case ORDER_IMPORT -> topics.orderImport();
            case QUARANTINE -> topics.quarantine();
            case RETRY -> topics.retry();
            case DLQ -> topics.dlq();
            default -> throw new IllegalArgumentException(lane + " is no output lane");
        };
    }

    private static <V extends SpecificRecord> List<String> mailIds(
            final TopicReader reader, final Topic<String, V> topic) {
        return reader.readAll(topic, key -> true, READ_TIMEOUT).stream()
                .map(TopicReader.Entry::value)
                .filter(Objects::nonNull)
                .map(value -> String.valueOf(
                        value.get(value.getSchema().getField("mailId").pos())))
                .toList();
    }
}
