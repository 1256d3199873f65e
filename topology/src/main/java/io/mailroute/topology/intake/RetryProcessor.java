package io.mailroute.topology.intake;

import io.mailroute.avro.RetryMail;
import io.mailroute.avro.RetryReason;
import io.mailroute.topology.attempt.MailAttempt;
import io.mailroute.topology.attempt.Outcomes;
import io.mailroute.topology.lookup.Lookups;
import io.mailroute.topology.owner.OwnerIndex;
import io.mailroute.topology.rules.RuleBook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Holds the mails waiting in {@code mail.retry} (keyed by mail id; a tombstone cancels the wait)
 * and releases them back into the pipeline as a new {@link MailAttempt}, checked on a wall-clock
 * punctuation, when
 * <ul>
 *   <li>their backoff elapsed ({@code nextAttemptAt}),</li>
 *   <li>ACCOUNT_UNKNOWN: the owner index changed and now knows one of the addresses or account ids
 *       the mail waits for,</li>
 *   <li>UNCLASSIFIED: the rule set version differs from the one the mail failed with.</li>
 * </ul>
 * A check scans the waiting mails only when one of these can have happened. A release also ends the
 * wait on {@code mail.retry} ({@link Released.EndOfWait}), so that neither a restart nor an operator
 * listing sees a released mail as waiting.
 */
final class RetryProcessor implements Processor<String, RetryMail, String, Released> {
    private static final Released END_OF_WAIT = new Released.EndOfWait();

    private final String storeName;
    private final Duration interval;
    private final Lookups lookups;
    private ProcessorContext<String, Released> context;
    private KeyValueStore<String, RetryMail> waiting;
    private OwnerIndex owners;
    private RuleBook rules;
    private long earliestDue = Long.MIN_VALUE;
    private long accountsSeen = -1;
    private String rulesVersionSeen;

    RetryProcessor(final String storeName, final Duration interval, final Lookups lookups) {
        this.storeName = storeName;
        this.interval = interval;
        this.lookups = lookups;
    }

    @Override
    public void init(final ProcessorContext<String, Released> context) {
        this.context = context;
        this.waiting = context.getStateStore(storeName);
        this.owners = lookups.owners(context);
        this.rules = lookups.rules(context);
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::release);
    }

    @Override
    public void process(final Record<String, RetryMail> record) {
        if (record.value() == null) {
            waiting.delete(record.key());
            return;
        }
        waiting.put(record.key(), record.value());
        earliestDue = Math.min(earliestDue, record.value().getNextAttemptAt().toEpochMilli());
    }

    private void release(final long now) {
        final long accounts = lookups.accounts().current();
        final boolean accountsChanged = accounts != accountsSeen;
        final String rulesVersion = rules.current().version();
        final boolean rulesChanged = !rulesVersion.equals(rulesVersionSeen);
        if (now < earliestDue && !accountsChanged && !rulesChanged) {
            return;
        }
        accountsSeen = accounts;
        rulesVersionSeen = rulesVersion;
        long nextDue = Long.MAX_VALUE;
        final List<KeyValue<String, RetryMail>> released = new ArrayList<>();
        try (KeyValueIterator<String, RetryMail> all = waiting.all()) {
            while (all.hasNext()) {
                final KeyValue<String, RetryMail> entry = all.next();
                final RetryMail retry = entry.value;
                final long due = retry.getNextAttemptAt().toEpochMilli();
                if (due <= now
                        || accountsChanged && ownerArrived(retry)
                        || rulesChanged && rulesMoved(retry, rulesVersion)) {
                    released.add(entry);
                } else {
                    nextDue = Math.min(nextDue, due);
                }
            }
        }
        earliestDue = nextDue;
        for (final KeyValue<String, RetryMail> entry : released) {
            waiting.delete(entry.key);
            // the tombstone goes first: the next attempt may wait again under the same key, and the
            // tombstone read back after that new wait would cancel it
            context.forward(new Record<>(entry.key, END_OF_WAIT, now));
            final MailAttempt attempt = new MailAttempt(entry.value.getMail(), entry.value.getRaw(), entry.value);
            context.forward(new Record<>(entry.key, new Released.NextAttempt(attempt), now));
        }
    }

    private boolean ownerArrived(final RetryMail retry) {
        if (retry.getReason() != RetryReason.ACCOUNT_UNKNOWN) {
            return false;
        }
        for (final String waitingFor : retry.getWaitingFor()) {
            final boolean known = waitingFor.startsWith(Outcomes.ACCOUNT_PREFIX)
                    ? owners.byId(waitingFor.substring(Outcomes.ACCOUNT_PREFIX.length()))
                            .isPresent()
                    : !owners.byAddress(waitingFor).isEmpty();
            if (known) {
                return true;
            }
        }
        return false;
    }

    private static boolean rulesMoved(final RetryMail retry, final String rulesVersion) {
        return retry.getReason() == RetryReason.UNCLASSIFIED && !rulesVersion.equals(retry.getRulesVersion());
    }
}
