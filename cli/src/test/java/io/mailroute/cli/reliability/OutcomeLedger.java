package io.mailroute.cli.reliability;

import static org.awaitility.Awaitility.await;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.DeadLetter;
import io.mailroute.avro.Lane;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.Outcome;
import io.mailroute.avro.RetryMail;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.TopicReader;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.topics.MailTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Every terminal outcome the pipeline wrote, read back (read_committed) from the lane, quarantine,
 * retry and DLQ topics, so that a test can check conservation: each ingested mail accounted for,
 * and no lane record written twice.
 */
final class OutcomeLedger {
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);
    private static final List<Lane> LANES = List.of(Lane.NOTIFY, Lane.TICKET, Lane.ORDER_IMPORT, Lane.QUARANTINE);

    private final Map<String, Set<String>> outcomesByMail = new HashMap<>();
    private final Map<Lane, Integer> laneRecords = new EnumMap<>(Lane.class);
    private final List<String> duplicates = new ArrayList<>();
    private final Map<String, DeadLetter> deadLetters = new LinkedHashMap<>();
    private final Map<String, RetryMail> retries = new LinkedHashMap<>();
    private final Map<String, MailStatus> statuses = new HashMap<>();

    private OutcomeLedger() {}

    /** Reads the outcome topics of the cluster {@code client} points at. */
    static OutcomeLedger read(final ClientSettings client) {
        try (SchemaRegistryClient registry = client.registry()) {
            return read(new TopicReader(client), client.topics(registry));
        }
    }

    /**
     * Reads the ledger every {@code poll} until each of {@code mails} has an outcome and a terminal
     * status; fails after {@code timeout} naming the mails still missing or without one.
     */
    static OutcomeLedger awaitAccountedFor(
            final ClientSettings client, final Collection<String> mails, final Duration timeout, final Duration poll) {
        final OutcomeLedger[] last = new OutcomeLedger[1];
        try {
            await("every mail accounted for").atMost(timeout).pollInterval(poll).until(() -> {
                last[0] = read(client);
                return last[0].missing(mails).isEmpty()
                        && last[0].withoutStatus(mails).isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "not accounted for: " + (last[0] == null ? "?" : last[0].missing(mails)) + "; status not terminal: "
                            + (last[0] == null ? "?" : last[0].withoutStatus(mails)),
                    e);
        }
        return last[0];
    }

    private static OutcomeLedger read(final TopicReader reader, final MailTopics topics) {
        final OutcomeLedger ledger = new OutcomeLedger();
        for (final Lane lane : LANES) {
            final Set<String> seen = new HashSet<>();
            for (final TopicReader.Entry<ClassifiedMail> entry :
                    reader.readAll(topics.lane(lane), key -> true, READ_TIMEOUT)) {
                final ClassifiedMail mail = entry.value();
                if (mail == null) {
                    throw new AssertionError(
                            "undecodable record on " + lane + " at offset " + entry.offset() + ": " + entry.error());
                }
                final String identity = mail.getMailId() + " owner=" + mail.getOwnerId() + " action="
                        + mail.getTicketAction() + " key=" + mail.getTicketKey();
                if (!seen.add(identity)) {
                    ledger.duplicates.add(lane + ": " + identity);
                }
                ledger.laneRecords.merge(lane, 1, Integer::sum);
                ledger.outcome(mail.getMailId(), lane.name());
            }
        }
        for (final TopicReader.Entry<RetryMail> entry : reader.readAll(topics.retry(), key -> true, READ_TIMEOUT)) {
            if (entry.value() != null) {
                ledger.retries.put(entry.value().getMailId(), entry.value());
                ledger.outcome(entry.value().getMailId(), "RETRY");
            }
        }
        for (final TopicReader.Entry<DeadLetter> entry : reader.readAll(topics.dlq(), key -> true, READ_TIMEOUT)) {
            if (entry.value() == null) {
                throw new AssertionError("mail.dlq holds a record that is no DeadLetter at offset " + entry.offset());
            }
            final DeadLetter letter = entry.value();
            if (ledger.deadLetters.put(letter.getMailId() + "#" + letter.getAttempt(), letter) != null) {
                ledger.duplicates.add("DLQ: " + letter.getMailId() + " attempt " + letter.getAttempt());
            }
            ledger.outcome(letter.getMailId(), "DLQ");
        }
        for (final TopicReader.Entry<MailStatus> entry : reader.readAll(topics.status(), key -> true, READ_TIMEOUT)) {
            if (entry.value() != null) {
                ledger.statuses.put(entry.key(), entry.value());
            }
        }
        return ledger;
    }

    private void outcome(final String mailId, final String outcome) {
        outcomesByMail.computeIfAbsent(mailId, id -> new TreeSet<>()).add(outcome);
    }

    /** Ingested mail ids with no terminal outcome at all. */
    Set<String> missing(final Collection<String> ingested) {
        final Set<String> missing = new TreeSet<>(ingested);
        missing.removeAll(outcomesByMail.keySet());
        return missing;
    }

    /** Lane or DLQ records written more than once for the same mail, owner and ticket action. */
    List<String> duplicates() {
        return List.copyOf(duplicates);
    }

    /** Mail ids whose latest status record is missing or still says IN_PROGRESS. */
    Set<String> withoutStatus(final Collection<String> ingested) {
        final Set<String> without = new TreeSet<>();
        for (final String mailId : ingested) {
            final MailStatus status = statuses.get(mailId);
            if (status == null || status.getOutcome() == Outcome.IN_PROGRESS) {
                without.add(mailId);
            }
        }
        return without;
    }

    /** The latest status of {@code mailId}, or null. */
    MailStatus statusOf(final String mailId) {
        return statuses.get(mailId);
    }

    /** Records per lane (notify, ticket, order-import, quarantine). */
    Map<Lane, Integer> laneRecords() {
        return Map.copyOf(laneRecords);
    }

    Map<String, DeadLetter> deadLetters() {
        return Map.copyOf(deadLetters);
    }

    Map<String, RetryMail> retries() {
        return Map.copyOf(retries);
    }

    Set<String> outcomesOf(final String mailId) {
        return outcomesByMail.getOrDefault(mailId, Set.of());
    }

    /** One line of counts, e.g. {@code NOTIFY=12 TICKET=4 ... RETRY=2 DLQ=1 mails=19}. */
    String summary() {
        final StringBuilder line = new StringBuilder();
        LANES.forEach(lane -> line.append(lane)
                .append('=')
                .append(laneRecords.getOrDefault(lane, 0))
                .append(' '));
        return line.append("RETRY=")
                .append(retries.size())
                .append(" DLQ=")
                .append(deadLetters.size())
                .append(" mails=")
                .append(outcomesByMail.size())
                .toString();
    }
}
