package io.mailroute.topology.flood;

import io.mailroute.topology.attempt.ParsedAttempt;
import io.mailroute.topology.attempt.StageResult;
import io.mailroute.topology.config.FloodPolicy;
import io.mailroute.topology.lookup.Lookups;
import io.mailroute.topology.owner.OwnerIndex;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Emits one {@link FloodSighting} per flood key of each parsed first attempt, keyed by the flood
 * key, so that every key is counted in one task whatever partition its mails arrived on.
 * Retries were counted on their first attempt and are skipped.
 */
final class FloodSightings implements Processor<String, StageResult<ParsedAttempt>, String, FloodSighting> {
    private final FloodPolicy policy;
    private final Lookups lookups;
    private ProcessorContext<String, FloodSighting> context;
    private OwnerIndex owners;

    FloodSightings(final FloodPolicy policy, final Lookups lookups) {
        this.policy = policy;
        this.lookups = lookups;
    }

    @Override
    public void init(final ProcessorContext<String, FloodSighting> context) {
        this.context = context;
        this.owners = lookups.owners(context);
    }

    @Override
    public void process(final Record<String, StageResult<ParsedAttempt>> record) {
        if (!(record.value() instanceof StageResult.Next<ParsedAttempt> next)
                || next.value().attempt().previous() != null) {
            return;
        }
        final ParsedAttempt parsed = next.value();
        final long arrived = parsed.attempt().mail().getReceivedAt().toEpochMilli();
        for (final Map.Entry<String, String> key :
                FloodKeys.of(parsed.mail(), owners, policy).entrySet()) {
            context.forward(new Record<>(
                    key.getKey(),
                    new FloodSighting(parsed.attempt().mailId(), arrived, key.getValue()),
                    record.timestamp()));
        }
    }
}
