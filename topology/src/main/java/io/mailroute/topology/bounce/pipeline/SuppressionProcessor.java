package io.mailroute.topology.bounce.pipeline;

import io.mailroute.avro.Bounce;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Suppression;
import java.time.Duration;
import java.time.Instant;
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
 * Keeps {@code mail.suppressions}: a hard bounce suppresses its address at once; soft bounces
 * suppress it when {@code softToHard} of them arrive within {@code softWindow} (arrival times of
 * the bounce mails, so a replay decides the same). A suppressed address counts every later
 * failure. Input is keyed by normalized address, the output too; a mail reported to several owners
 * counts once. At most three store operations per record; expired soft counts are dropped a few
 * times per soft-bounce window.
 */
final class SuppressionProcessor implements Processor<String, ClassifiedMail, String, Suppression> {
    private static final int PURGES_PER_WINDOW = 24;

    private final String suppressionStoreName;
    private final String softStoreName;
    private final BounceSettings settings;
    private ProcessorContext<String, Suppression> context;
    private KeyValueStore<String, Suppression> suppressed;
    private KeyValueStore<String, SoftBounces> soft;

    SuppressionProcessor(final String suppressionStoreName, final String softStoreName, final BounceSettings settings) {
        this.suppressionStoreName = suppressionStoreName;
        this.softStoreName = softStoreName;
        this.settings = settings;
    }

    @Override
    public void init(final ProcessorContext<String, Suppression> context) {
        this.context = context;
        this.suppressed = context.getStateStore(suppressionStoreName);
        this.soft = context.getStateStore(softStoreName);
        // a soft count only needs dropping some time after its window ends: a few walks per window suffice
        final Duration purge = settings.softWindow().dividedBy(PURGES_PER_WINDOW);
        context.schedule(purge.compareTo(settings.checkInterval()) > 0 ? purge : settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME,
                this::dropExpiredSoftBounces);
    }

    @Override
    public void process(final Record<String, ClassifiedMail> record) {
        final ClassifiedMail mail = record.value();
        final Bounce bounce = mail.getBounces().get(0);
        if (BounceOutcome.of(bounce) != BounceOutcome.FAILED) {
            return;
        }
        final String address = record.key();
        final String mailId = mail.getMailId();
        final long at = mail.getReceivedAt().toEpochMilli();
        final Suppression known = suppressed.get(address);
        if (known != null) {
            if (!known.getLastMailId().equals(mailId)) {
                suppress(record, address, again(known, bounce, mailId, at));
            }
            return;
        }
        if (bounce.getHardBounce()) {
            suppress(record, address, first(bounce, true, 1, at, at, mailId));
            soft.delete(address);
            return;
        }
        final SoftBounces before = soft.get(address);
        if (before != null && before.lastMailId().equals(mailId)) {
            return;
        }
        final SoftBounces after = (before == null ? new SoftBounces(mailId, new long[0]) : before)
                .plus(mailId, at, at - settings.softWindow().toMillis(), settings.softToHard());
        if (after.times().length >= settings.softToHard()) {
            suppress(record, address, first(bounce, false, after.times().length, after.times()[0], at, mailId));
            soft.delete(address);
        } else {
            soft.put(address, after);
        }
    }

    private void suppress(final Record<String, ClassifiedMail> record, final String address, final Suppression suppression) {
        suppressed.put(address, suppression);
        context.forward(record.withValue(suppression));
    }

    private static Suppression first(final Bounce bounce, final boolean hard, final long count, final long firstSeen, final long lastSeen,
                                     final String mailId) {
        return new Suppression(bounce.getRecipient(), bounce.getReason(), hard, count, Instant.ofEpochMilli(firstSeen),
                Instant.ofEpochMilli(lastSeen), mailId, bounce.getStatus(), bounce.getDiagnostic());
    }

    private static Suppression again(final Suppression known, final Bounce bounce, final String mailId, final long at) {
        final Suppression.Builder next = Suppression.newBuilder(known)
                .setCount(known.getCount() + 1)
                .setLastSeen(Instant.ofEpochMilli(Math.max(at, known.getLastSeen().toEpochMilli())))
                .setLastMailId(mailId);
        if (bounce.getHardBounce()) {
            next.setHardBounce(true).setReason(bounce.getReason()).setStatus(bounce.getStatus()).setDiagnostic(bounce.getDiagnostic());
        }
        return next.build();
    }

    private void dropExpiredSoftBounces(final long now) {
        final long cutoff = now - settings.softWindow().toMillis();
        final List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, SoftBounces> all = soft.all()) {
            while (all.hasNext()) {
                final KeyValue<String, SoftBounces> entry = all.next();
                if (entry.value.newest() < cutoff) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(soft::delete);
    }
}
