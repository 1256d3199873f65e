package io.mailroute.topology.bounce;

import io.mailroute.avro.Bounce;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Suppression;
import io.mailroute.avro.SuppressionBasis;
import io.mailroute.topology.config.BounceSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps {@code mail.suppressions}. A verified bounce (its mail authenticated, see
 * {@link io.mailroute.topology.bouncereport.BounceAuthentication}) counts at once: a hard bounce
 * suppresses its address, soft bounces suppress it when {@code softToHard} of them arrive within
 * {@code softWindow}. An unverified bounce is only remembered with its reporting domain; once
 * unverified bounces from two different reporting domains name the address within
 * {@code unverifiedWindow}, they corroborate each other and the bounce counts like a verified one.
 * An unverified bounce that authenticated as no domain at all counts for nothing. Times are the
 * arrival times of the bounce mails, so a replay decides the same. A suppressed address counts
 * every later failure. Input is keyed by normalized address, the output too; a mail reported to
 * several owners counts once. At most five store operations per record; expired soft and
 * unverified bounces are dropped a few times per window.
 */
final class SuppressionProcessor implements Processor<String, ClassifiedMail, String, Suppression> {
    private static final int PURGES_PER_WINDOW = 24;
    /** Unverified bounces from this many reporting domains corroborate each other. */
    private static final int CORROBORATING_DOMAINS = 2;

    private final String suppressionStoreName;
    private final String softStoreName;
    private final String unverifiedStoreName;
    private final BounceSettings settings;
    private ProcessorContext<String, Suppression> context;
    private KeyValueStore<String, Suppression> suppressed;
    private KeyValueStore<String, SoftBounces> soft;
    private KeyValueStore<String, UnverifiedBounces> unverified;

    SuppressionProcessor(
            final String suppressionStoreName,
            final String softStoreName,
            final String unverifiedStoreName,
            final BounceSettings settings) {
        this.suppressionStoreName = suppressionStoreName;
        this.softStoreName = softStoreName;
        this.unverifiedStoreName = unverifiedStoreName;
        this.settings = settings;
    }

    @Override
    public void init(final ProcessorContext<String, Suppression> context) {
        this.context = context;
        this.suppressed = context.getStateStore(suppressionStoreName);
        this.soft = context.getStateStore(softStoreName);
        this.unverified = context.getStateStore(unverifiedStoreName);
        // an entry only needs dropping some time after its window ends: a few walks per window suffice
        final Duration window = settings.softWindow().compareTo(settings.unverifiedWindow()) < 0
                ? settings.softWindow()
                : settings.unverifiedWindow();
        final Duration purge = window.dividedBy(PURGES_PER_WINDOW);
        context.schedule(
                purge.compareTo(settings.checkInterval()) > 0 ? purge : settings.checkInterval(),
                PunctuationType.WALL_CLOCK_TIME,
                this::dropExpired);
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
        if (bounce.getVerified()) {
            count(record, address, bounce, mailId, at, Basis.verified(bounce));
            return;
        }
        if (bounce.getReportingDomain() == null) {
            return;
        }
        final UnverifiedBounces before = unverified.get(address);
        final UnverifiedBounces after = (before == null ? UnverifiedBounces.NONE : before)
                .plus(
                        bounce.getReportingDomain(),
                        at,
                        at - settings.unverifiedWindow().toMillis());
        final Basis corroborated = new Basis(SuppressionBasis.CORROBORATED, after.domains());
        if (after.domains().size() >= CORROBORATING_DOMAINS
                && count(record, address, bounce, mailId, at, corroborated)) {
            unverified.delete(address);
        } else {
            unverified.put(address, after);
        }
    }

    /** Counts a bounce that is believed; true when it suppressed the address. */
    private boolean count(
            final Record<String, ClassifiedMail> record,
            final String address,
            final Bounce bounce,
            final String mailId,
            final long at,
            final Basis basis) {
        if (bounce.getHardBounce()) {
            suppress(record, address, first(bounce, true, 1, at, at, mailId, basis));
            soft.delete(address);
            return true;
        }
        final SoftBounces before = soft.get(address);
        if (before != null && before.lastMailId().equals(mailId)) {
            return false;
        }
        final SoftBounces after = (before == null ? new SoftBounces(mailId, new long[0]) : before)
                .plus(mailId, at, at - settings.softWindow().toMillis(), settings.softToHard());
        if (after.times().length >= settings.softToHard()) {
            suppress(record, address, first(bounce, false, after.times().length, after.times()[0], at, mailId, basis));
            soft.delete(address);
            return true;
        }
        soft.put(address, after);
        return false;
    }

    private void suppress(
            final Record<String, ClassifiedMail> record, final String address, final Suppression suppression) {
        suppressed.put(address, suppression);
        context.forward(record.withValue(suppression));
    }

    private static Suppression first(
            final Bounce bounce,
            final boolean hard,
            final long count,
            final long firstSeen,
            final long lastSeen,
            final String mailId,
            final Basis basis) {
        return Suppression.newBuilder()
                .setAddress(bounce.getRecipient())
                .setReason(bounce.getReason())
                .setHardBounce(hard)
                .setCount(count)
                .setFirstSeen(Instant.ofEpochMilli(firstSeen))
                .setLastSeen(Instant.ofEpochMilli(lastSeen))
                .setLastMailId(mailId)
                .setStatus(bounce.getStatus())
                .setDiagnostic(bounce.getDiagnostic())
                .setBasis(basis.basis())
                .setReportingDomains(List.copyOf(basis.domains()))
                .build();
    }

    /** A later failure of a suppressed address; only a verified one may make it a hard suppression. */
    private static Suppression again(final Suppression known, final Bounce bounce, final String mailId, final long at) {
        final Suppression.Builder next = Suppression.newBuilder(known)
                .setCount(known.getCount() + 1)
                .setLastSeen(
                        Instant.ofEpochMilli(Math.max(at, known.getLastSeen().toEpochMilli())))
                .setLastMailId(mailId);
        if (bounce.getHardBounce() && bounce.getVerified()) {
            next.setHardBounce(true)
                    .setReason(bounce.getReason())
                    .setStatus(bounce.getStatus())
                    .setDiagnostic(bounce.getDiagnostic());
        }
        return next.build();
    }

    private void dropExpired(final long now) {
        final long softCutoff = now - settings.softWindow().toMillis();
        dropWhere(soft, bounces -> bounces.newest() < softCutoff);
        final long unverifiedCutoff = now - settings.unverifiedWindow().toMillis();
        dropWhere(unverified, bounces -> bounces.newest() < unverifiedCutoff);
    }

    private static <V> void dropWhere(final KeyValueStore<String, V> store, final Predicate<V> expired) {
        final List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            while (all.hasNext()) {
                final KeyValue<String, V> entry = all.next();
                if (expired.test(entry.value)) {
                    keys.add(entry.key);
                }
            }
        }
        keys.forEach(store::delete);
    }

    /**
     * How a suppression is decided and the reporting domains behind it.
     *
     * @param basis   verified or corroborated
     * @param domains the reporting domains whose bounces decided it
     */
    private record Basis(SuppressionBasis basis, Collection<String> domains) {
        static Basis verified(final Bounce bounce) {
            return new Basis(
                    SuppressionBasis.VERIFIED,
                    bounce.getReportingDomain() == null ? List.of() : List.of(bounce.getReportingDomain()));
        }
    }
}
