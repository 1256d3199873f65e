package io.mailroute.ops.status;

import io.mailroute.avro.MailStatus;
import io.mailroute.topology.MailTopology;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A mail's status by interactive query on {@link MailTopology#STATUS_STORE}: from this instance's
 * store when it hosts the key, otherwise the instance that does (from the Streams metadata, which
 * names hosts when {@code application.server} is set).
 */
final class StatusLookup {
    private final KafkaStreams streams;

    StatusLookup(final KafkaStreams streams) {
        this.streams = streams;
    }

    /** The outcome of one lookup. */
    sealed interface Result {
        record Found(MailStatus status) implements Result {}

        record NotFound() implements Result {}

        /** Another instance hosts the key; its status server answers at this host and port. */
        record HostedElsewhere(HostInfo host) implements Result {}

        record Unavailable(String reason) implements Result {}
    }

    Result find(final String mailId) {
        final KafkaStreams.State state = streams.state();
        if (!state.isRunningOrRebalancing()) {
            return new Result.Unavailable("the topology is " + state);
        }
        final KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(MailTopology.STATUS_STORE, mailId, Serdes.String().serializer());
        } catch (StreamsNotStartedException | IllegalStateException e) {
            return new Result.Unavailable(e.getMessage());
        }
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return new Result.Unavailable("the status store's metadata is not available (rebalancing)");
        }
        try {
            final MailStatus status = store(metadata.partition()).get(mailId);
            return status == null ? new Result.NotFound() : new Result.Found(status);
        } catch (InvalidStateStoreException e) {
            final HostInfo active = metadata.activeHost();
            if (active != null && active.port() > 0 && !HostInfo.unavailable().equals(active)) {
                return new Result.HostedElsewhere(active);
            }
            return new Result.Unavailable("the status store is not queryable here: " + e.getMessage());
        }
    }

    /** The current outcome of a mail if this instance knows it, else null (for lists; never waits). */
    String outcomeOrNull(final String mailId) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return null;
        }
        try {
            final MailStatus status = allLocal().get(mailId);
            return status == null ? null : status.getOutcome().name();
        } catch (InvalidStateStoreException e) {
            return null;
        }
    }

    private ReadOnlyKeyValueStore<String, MailStatus> store(final int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(MailTopology.STATUS_STORE,
                QueryableStoreTypes.<String, MailStatus>keyValueStore()).withPartition(partition));
    }

    private ReadOnlyKeyValueStore<String, MailStatus> allLocal() {
        return streams.store(StoreQueryParameters.fromNameAndType(MailTopology.STATUS_STORE,
                QueryableStoreTypes.<String, MailStatus>keyValueStore()));
    }
}
