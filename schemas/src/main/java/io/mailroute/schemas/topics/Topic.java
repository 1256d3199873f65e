package io.mailroute.schemas.topics;

import org.apache.kafka.common.serialization.Serde;

/** One topic with its name and serdes, as the topology and clients use it. */
public record Topic<K, V>(MailTopic id, String name, Serde<K> keySerde, Serde<V> valueSerde) {
    @Override
    public String toString() {
        return name;
    }
}
