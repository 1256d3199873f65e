package io.mailroute.topology.classify;

import io.mailroute.avro.Stage;
import io.mailroute.topology.attempt.FetchedMail;
import io.mailroute.topology.attempt.MailDecision;
import io.mailroute.topology.attempt.ParsedAttempt;
import io.mailroute.topology.attempt.StageResult;
import io.mailroute.topology.budget.MailBudget;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Parses fetched mail under the {@link MailGuard}: the first stage that reads mail content, so the
 * attempt's budget starts here and spans the stages it hands on to (flood check, classification,
 * fan-out), and here an attempt that killed its stream thread twice is set aside.
 */
final class ParseProcessor implements FixedKeyProcessor<String, StageResult<FetchedMail>, StageResult<ParsedAttempt>> {
    private final ParseStage parse;
    private final MailGuard guard;
    private FixedKeyProcessorContext<String, StageResult<ParsedAttempt>> context;

    ParseProcessor(final ParseStage parse, final MailGuard guard) {
        this.parse = parse;
        this.guard = guard;
    }

    @Override
    public void init(final FixedKeyProcessorContext<String, StageResult<ParsedAttempt>> context) {
        this.context = context;
    }

    @Override
    public void process(final FixedKeyRecord<String, StageResult<FetchedMail>> record) {
        if (record.value() instanceof StageResult.Done<FetchedMail> done) {
            context.forward(record.withValue(StageResult.done(done.decision())));
            return;
        }
        final StageResult.Next<FetchedMail> next = (StageResult.Next<FetchedMail>) record.value();
        final FetchedMail fetched = next.value();
        final long now = context.currentSystemTimeMs();
        final MailDecision setAside = guard.begin(fetched.attempt(), Stage.PARSE, now);
        if (setAside != null) {
            context.forward(record.withValue(StageResult.done(setAside)));
            return;
        }
        final MailBudget running = guard.enter(fetched.attempt());
        try {
            context.forward(
                    record.withValue(guard.next(fetched.attempt(), Stage.PARSE, now, () -> parse.parse(fetched, now))));
        } finally {
            running.close();
        }
        // not reached when an Error from this mail kills the thread: the attempt stays begun
        guard.finish(fetched.attempt());
    }
}
