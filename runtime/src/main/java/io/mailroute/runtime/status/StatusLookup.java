package io.mailroute.runtime.status;

import io.mailroute.avro.MailStatus;
import io.mailroute.topology.MailTopology;
import java.util.function.Supplier;
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
 * store when it hosts the key, otherwise the instance that does. Other instances are known only when
 * {@code application.server} is set (to the host and port of each instance's status server);
 * without it the lookup searches the partitions this instance holds.
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
        final KeyQueryMetadata metadata = metadata(mailId);
        if (metadata == null) {
            // no host metadata (application.server unset): what this instance holds is all it can know
            if (state != KafkaStreams.State.RUNNING) {
                return new Result.Unavailable("the topology is " + state);
            }
            return query(mailId, this::allLocal, null);
        }
        return query(mailId, () -> store(metadata.partition()), metadata.activeHost());
    }

    private KeyQueryMetadata metadata(final String mailId) {
        try {
            final KeyQueryMetadata metadata = streams.queryMetadataForKey(
                    MailTopology.STATUS_STORE, mailId, Serdes.String().serializer());
            return metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) ? null : metadata;
        } catch (StreamsNotStartedException | IllegalStateException e) {
            return null;
        }
    }

    private static Result query(
            final String mailId,
            final Supplier<ReadOnlyKeyValueStore<String, MailStatus>> store,
            final HostInfo activeHost) {
        try {
            final MailStatus status = store.get().get(mailId);
            return status == null ? new Result.NotFound() : new Result.Found(status);
        } catch (InvalidStateStoreException e) {
            if (activeHost != null
                    && activeHost.port() > 0
                    && !HostInfo.unavailable().equals(activeHost)) {
                return new Result.HostedElsewhere(activeHost);
            }
            return new Result.Unavailable("the status store is not queryable here: " + e.getMessage());
        }
    }

    /** The current outcome of a mail if this instance knows it, else null (for lists; never waits). */
    String outcomeOrNull(final String mailId) {
        final MailStatus status = currentOrNull(mailId);
        return status == null ? null : status.getOutcome().name();
    }

    /** The current status of a mail if this instance holds it, else null (for lists; never waits). */
    MailStatus currentOrNull(final String mailId) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return null;
        }
        try {
            return allLocal().get(mailId);
        } catch (InvalidStateStoreException e) {
            return null;
        }
    }

    private ReadOnlyKeyValueStore<String, MailStatus> store(final int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(
                        MailTopology.STATUS_STORE, QueryableStoreTypes.<String, MailStatus>keyValueStore())
                .withPartition(partition));
    }

    private ReadOnlyKeyValueStore<String, MailStatus> allLocal() {
        return streams.store(StoreQueryParameters.fromNameAndType(
                MailTopology.STATUS_STORE, QueryableStoreTypes.<String, MailStatus>keyValueStore()));
    }
}
