package io.mailroute.topology.intake;

import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.topology.attempt.MailAttempt;
import io.mailroute.topology.config.MailrouteConfig;
import io.mailroute.topology.lookup.Lookups;
import io.mailroute.topology.naming.Node;
import io.mailroute.topology.naming.Track;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * Intake: which attempts of which mails each track runs the stages on. The main track takes new
 * mail from {@code mail.raw} (once: re-deliveries are dropped) and the mails {@code mail.retry}
 * releases; the overflow track takes the flooders' mail from {@code mail.overflow}.
 */
public final class IntakeStage {
    /** Window store of mail ids seen (dedup). */
    public static final String DEDUP_STORE = "mail-dedup-store";
    /** Mails waiting in mail.retry, by mail id. */
    public static final String RETRY_STORE = "retry-waiting-store";

    private IntakeStage() {}

    /**
     * Adds the main track's intake and returns its attempts:
     * <pre>
     * mail.raw ─ dedup-mail [mail-dedup-store] ─────────────────────────────┐
     * mail.retry ─ release-waiting-mail [retry-waiting-store] ─ split:      ├─ merge-attempts ─ attempts
     *     next-attempt ─ next-attempt-record ───────────────────────────────┘
     *     end-wait ─ end-wait-record ─ mail.retry (the tombstone that ends the wait)
     * </pre>
     */
    public static KStream<String, MailAttempt> addTo(
            final StreamsBuilder builder,
            final MailTopics topics,
            final MailrouteConfig config,
            final Lookups lookups) {
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(DEDUP_STORE, config.dedupWindow(), config.dedupWindow(), false),
                Serdes.String(),
                Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(RETRY_STORE),
                Serdes.String(),
                topics.retry().valueSerde()));

        // connector re-deliveries stop here; everything after works on one attempt of one mail
        final KStream<String, MailAttempt> fresh = builder.stream(
                        topics.raw().name(), Node.RAW_SOURCE.consumed(topics.raw()))
                .processValues(
                        () -> new DedupProcessor(DEDUP_STORE, config.dedupWindow()),
                        Named.as(Node.DEDUP.id()),
                        DEDUP_STORE);
        // waiting mails come back when their owner or a new rule set appears, or their backoff ends;
        // each release ends its wait on mail.retry in the same transaction, so no restart or operator
        // sees a released mail as waiting
        final BranchedKStream<String, Released> releases = builder.stream(
                        topics.retry().name(), Node.RETRY_SOURCE.consumed(topics.retry()))
                .process(
                        () -> new RetryProcessor(RETRY_STORE, config.retryCheckInterval(), lookups),
                        Named.as(Node.RELEASE.id()),
                        RETRY_STORE)
                .split(Named.as(Node.RELEASES.id()));
        releases.branch(
                Released::endsWait,
                Branched.withConsumer(
                        ends -> ends.mapValues(Released::tombstone, Named.as(Node.END_WAIT.record()))
                                .to(topics.retry().name(), Node.END_WAIT.produced(topics.retry())),
                        Node.END_WAIT.branch()));
        // the Released types are sealed and each has a branch: nothing is left over
        final KStream<String, MailAttempt> released = releases.branch(
                        Released::isNextAttempt, Branched.as(Node.NEXT_ATTEMPT.branch()))
                .noDefaultBranch()
                .get(Node.NEXT_ATTEMPT.branchId())
                .mapValues(Released::attempt, Named.as(Node.NEXT_ATTEMPT.record()));
        return fresh.merge(released, Named.as(Node.MERGE_ATTEMPTS.id()));
    }

    /**
     * Adds the overflow track's intake and returns its attempts; the mail was deduplicated and
     * counted on the main track before it was moved here:
     * <pre>
     * mail.overflow ─ overflow-lane-entry ─ attempts
     * </pre>
     */
    public static KStream<String, MailAttempt> addOverflowTo(final StreamsBuilder builder, final MailTopics topics) {
        return builder.stream(topics.overflow().name(), Node.OVERFLOW_SOURCE.consumed(topics.overflow()))
                .processValues(OverflowEntry::new, Named.as(Node.OVERFLOW_ENTRY.id(Track.OVERFLOW)));
    }
}
