package io.mailroute.topology.classify;

import io.mailroute.avro.Stage;
import io.mailroute.topology.attempt.MailDecision;
import io.mailroute.topology.attempt.ParsedAttempt;
import io.mailroute.topology.attempt.StageResult;
import io.mailroute.topology.lookup.Lookups;
import io.mailroute.topology.owner.ContactsIndex;
import io.mailroute.topology.owner.OwnerIndex;
import io.mailroute.topology.rules.RuleBook;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Classifies parsed mail with the current rules, the owner index and the owners' contacts (global
 * stores all three), within the budget the parse stage started for the attempt.
 */
final class ClassifyProcessor implements FixedKeyProcessor<String, StageResult<ParsedAttempt>, MailDecision> {
    private final Classifier classifier;
    private final MailGuard guard;
    private final Lookups lookups;
    private FixedKeyProcessorContext<String, MailDecision> context;
    private OwnerIndex owners;
    private ContactsIndex contacts;
    private RuleBook rules;

    ClassifyProcessor(final Classifier classifier, final MailGuard guard, final Lookups lookups) {
        this.classifier = classifier;
        this.guard = guard;
        this.lookups = lookups;
    }

    @Override
    public void init(final FixedKeyProcessorContext<String, MailDecision> context) {
        this.context = context;
        this.owners = lookups.owners(context);
        this.contacts = lookups.contacts(context);
        this.rules = lookups.rules(context);
    }

    @Override
    public void process(final FixedKeyRecord<String, StageResult<ParsedAttempt>> record) {
        final long now = context.currentSystemTimeMs();
        final MailDecision decision = record.value()
                .decide(parsed -> guard.decide(
                        parsed.attempt(),
                        Stage.CLASSIFY,
                        now,
                        () -> classifier.classify(parsed, rules.current(), owners, contacts, now)));
        context.forward(record.withValue(decision));
    }
}
