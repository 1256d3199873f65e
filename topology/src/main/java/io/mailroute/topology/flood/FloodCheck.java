package io.mailroute.topology.flood;

import io.mailroute.avro.Lane;
import io.mailroute.avro.Outcome;
import io.mailroute.avro.OwnerOutcome;
import io.mailroute.avro.Stage;
import io.mailroute.topology.attempt.MailAttempt;
import io.mailroute.topology.attempt.MailDecision;
import io.mailroute.topology.attempt.Outcomes;
import io.mailroute.topology.attempt.ParsedAttempt;
import io.mailroute.topology.attempt.Routed;
import io.mailroute.topology.attempt.StageResult;
import io.mailroute.topology.config.FloodPolicy;
import io.mailroute.topology.lookup.Lookups;
import io.mailroute.topology.owner.OwnerIndex;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Flood isolation on the main track: a parsed first attempt with a flagged flood key (see
 * {@link FloodKeys}) leaves for the overflow lane (its raw record to mail.overflow, where a
 * sub-topology of its own processes it), so that everyone else's mail never queues behind a flood.
 * The flags are a global store kept by {@link FloodFlags} from the FLOOD alerts {@link FloodCounter}
 * raises over all partitions; the flag is read here, never written. Only the header facts are used,
 * so a flooder's mail costs the normal path a header scan.
 */
final class FloodCheck implements FixedKeyProcessor<String, StageResult<ParsedAttempt>, StageResult<ParsedAttempt>> {
    /** Category written in the status of a mail moved to the overflow lane. */
    static final String CATEGORY = "flood";

    private final FloodPolicy policy;
    private final Outcomes outcomes;
    private final Lookups lookups;
    private final String flagStoreName;
    private FixedKeyProcessorContext<String, StageResult<ParsedAttempt>> context;
    private ReadOnlyKeyValueStore<String, Long> flaggedUntil;
    private OwnerIndex owners;

    FloodCheck(final FloodPolicy policy, final Outcomes outcomes, final Lookups lookups, final String flagStoreName) {
        this.policy = policy;
        this.outcomes = outcomes;
        this.lookups = lookups;
        this.flagStoreName = flagStoreName;
    }

    @Override
    public void init(final FixedKeyProcessorContext<String, StageResult<ParsedAttempt>> context) {
        this.context = context;
        this.flaggedUntil = context.getStateStore(flagStoreName);
        this.owners = lookups.owners(context);
    }

    @Override
    public void process(final FixedKeyRecord<String, StageResult<ParsedAttempt>> record) {
        // decided mails and retries (counted on their first attempt) pass untouched
        if (!(record.value() instanceof StageResult.Next<ParsedAttempt> next)
                || next.value().attempt().previous() != null) {
            context.forward(record);
            return;
        }
        final ParsedAttempt parsed = next.value();
        final long arrived = parsed.attempt().mail().getReceivedAt().toEpochMilli();
        final List<String> flooding = new ArrayList<>(0);
        for (final String key : FloodKeys.of(parsed.mail(), owners, policy).keySet()) {
            final Long until = flaggedUntil.get(key);
            if (until != null && arrived < until) {
                flooding.add(key);
            }
        }
        if (flooding.isEmpty()) {
            context.forward(record);
            return;
        }
        context.forward(record.withValue(StageResult.done(overflow(parsed, flooding))));
    }

    private MailDecision overflow(final ParsedAttempt parsed, final List<String> flooding) {
        final MailAttempt attempt = parsed.attempt();
        final long now = context.currentSystemTimeMs();
        final String detail = "flood: " + String.join(", ", flooding) + " over " + policy.quota() + " mails per "
                + policy.window() + "; processed on the overflow lane";
        final OwnerOutcome owner = OwnerOutcome.newBuilder()
                .setOwnerId(null)
                .setOutcome(Outcome.IN_PROGRESS)
                .setLanes(List.of(Lane.OVERFLOW))
                .setRuleId(null)
                .setCategory(CATEGORY)
                .setDetail(detail)
                .build();
        return new MailDecision(List.of(
                new Routed.ToOverflow(attempt.mailId(), attempt.mail()),
                outcomes.status(attempt, Stage.CLASSIFY, List.of(owner), parsed.mail(), null, now)));
    }
}
