package io.mailroute.topology.pipeline;

import io.mailroute.avro.Alert;
import io.mailroute.avro.AlertLevel;
import io.mailroute.avro.AlertType;
import io.mailroute.avro.Lane;
import io.mailroute.avro.Outcome;
import io.mailroute.avro.OwnerOutcome;
import io.mailroute.avro.Stage;
import io.mailroute.topology.owner.Owner;
import io.mailroute.topology.owner.OwnerIndex;
import io.mailroute.topology.parse.ParsedMail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Flood isolation: counts each first attempt of a parsed mail per sender ({@code sender:<address>}
 * or {@code sender-domain:<domain>}) and per owner of its recipients ({@code owner:<accountId>}) in
 * tumbling windows of S3 arrival time. A key over its quota is flagged for a while; a mail with any
 * flagged key leaves the normal path for the overflow lane (its raw record to mail.overflow, where
 * a sub-topology of its own processes it), so that everyone else's mail never queues behind a
 * flood. The first mail over the quota in a window raises one FLOOD alert for that key and window.
 * Only the header facts are used, so a flooder's mail costs the normal path a header scan.
 */
final class FloodCheck implements FixedKeyProcessor<String, StageResult<ParsedAttempt>, StageResult<ParsedAttempt>> {
    /** Category written in the status of a mail moved to the overflow lane. */
    static final String CATEGORY = "flood";

    private final FloodPolicy policy;
    private final Outcomes outcomes;
    private final String countStoreName;
    private final String flagStoreName;
    private FixedKeyProcessorContext<String, StageResult<ParsedAttempt>> context;
    private WindowStore<String, Long> counts;
    private KeyValueStore<String, Long> flaggedUntil;
    private OwnerIndex owners;

    FloodCheck(final FloodPolicy policy, final Outcomes outcomes, final String countStoreName, final String flagStoreName) {
        this.policy = policy;
        this.outcomes = outcomes;
        this.countStoreName = countStoreName;
        this.flagStoreName = flagStoreName;
    }

    @Override
    public void init(final FixedKeyProcessorContext<String, StageResult<ParsedAttempt>> context) {
        this.context = context;
        this.counts = context.getStateStore(countStoreName);
        this.flaggedUntil = context.getStateStore(flagStoreName);
        this.owners = new OwnerIndex(context.getStateStore(OwnerIndex.STORE));
    }

    @Override
    public void process(final FixedKeyRecord<String, StageResult<ParsedAttempt>> record) {
        // decided mails and retries (counted on their first attempt) pass untouched
        if (!(record.value() instanceof StageResult.Next<ParsedAttempt> next) || next.value().attempt().previous() != null) {
            context.forward(record);
            return;
        }
        final ParsedAttempt parsed = next.value();
        final long arrived = parsed.attempt().mail().getReceivedAt().toEpochMilli();
        final long windowStart = policy.windowStart(arrived);
        final List<Routed> alerts = new ArrayList<>(0);
        final List<String> flooding = new ArrayList<>(0);
        for (final Map.Entry<String, String> key : keys(parsed.mail()).entrySet()) {
            final Long before = counts.fetch(key.getKey(), windowStart);
            final long count = before == null ? 1 : before + 1;
            counts.put(key.getKey(), count, windowStart);
            if (count > policy.quota()) {
                flaggedUntil.put(key.getKey(), arrived + policy.flagFor().toMillis());
                if (count == policy.quota() + 1L) {
                    final Alert alert = alert(key.getKey(), key.getValue(), parsed, windowStart, arrived);
                    alerts.add(new Routed.ToAlert(alert.getAlertKey(), alert));
                }
                flooding.add(key.getKey());
            } else if (isFlagged(key.getKey(), arrived)) {
                flooding.add(key.getKey());
            }
        }
        if (flooding.isEmpty()) {
            context.forward(record);
            return;
        }
        context.forward(record.withValue(StageResult.done(overflow(parsed, flooding, alerts))));
    }

    private boolean isFlagged(final String key, final long arrived) {
        final Long until = flaggedUntil.get(key);
        if (until == null) {
            return false;
        }
        if (until <= arrived) {
            flaggedUntil.delete(key);
            return false;
        }
        return true;
    }

    /** The counted keys of a mail with what kind of key each is. */
    private Map<String, String> keys(final ParsedMail mail) {
        final Map<String, String> keys = new LinkedHashMap<>(4);
        if (mail.from() != null && mail.from().getNormalized() != null && !mail.from().getNormalized().isEmpty()) {
            final String address = mail.from().getNormalized();
            final int at = address.lastIndexOf('@');
            if (policy.senderDomain() && at >= 0) {
                keys.put("sender-domain:" + address.substring(at + 1), "sender-domain");
            } else {
                keys.put("sender:" + address, "sender");
            }
        }
        for (final Owner owner : Classifier.recipientOwners(mail, owners)) {
            keys.put("owner:" + owner.accountId(), "owner");
        }
        return keys;
    }

    private MailDecision overflow(final ParsedAttempt parsed, final List<String> flooding, final List<Routed> alerts) {
        final MailAttempt attempt = parsed.attempt();
        final long now = context.currentSystemTimeMs();
        final String detail = "flood: " + String.join(", ", flooding) + " over " + policy.quota() + " mails per " + policy.window()
                + "; processed on the overflow lane";
        final OwnerOutcome owner = new OwnerOutcome(null, Outcome.IN_PROGRESS, List.of(Lane.OVERFLOW), null, CATEGORY, detail);
        final List<Routed> routes = new ArrayList<>(alerts);
        routes.add(new Routed.ToOverflow(attempt.mailId(), attempt.mail()));
        routes.add(outcomes.status(attempt, Stage.CLASSIFY, List.of(owner), parsed.mail(), null, now));
        return new MailDecision(routes);
    }

    private Alert alert(final String key, final String kind, final ParsedAttempt parsed, final long windowStart, final long arrived) {
        final long flaggedTill = arrived + policy.flagFor().toMillis();
        final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        return Alert.newBuilder()
                .setAlertKey("flood:" + key)
                .setType(AlertType.FLOOD)
                .setLevel(AlertLevel.WARNING)
                .setScope(key)
                .setMessage(kind + " " + key.substring(key.indexOf(':') + 1) + " sent more than " + policy.quota() + " mails within "
                        + policy.window() + "; its mail takes the overflow lane until " + Instant.ofEpochMilli(flaggedTill))
                .setCount(policy.quota() + 1L)
                .setThreshold((double) policy.quota())
                .setWindowStart(Instant.ofEpochMilli(windowStart))
                .setWindowEnd(Instant.ofEpochMilli(windowStart + policy.window().toMillis()))
                .setSampleMailIds(List.of(parsed.attempt().mailId()))
                .setAttributes(Map.of("kind", kind, "flaggedUntil", Instant.ofEpochMilli(flaggedTill).toString()))
                .setRaisedAt(now)
                .build();
    }
}
