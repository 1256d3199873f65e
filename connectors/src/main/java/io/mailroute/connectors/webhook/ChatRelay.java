package io.mailroute.connectors.webhook;

import io.mailroute.avro.Alert;
import io.mailroute.avro.AlertLevel;
import io.mailroute.avro.AlertType;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.connectors.delivery.Retry;
import io.mailroute.connectors.delivery.Undeliverable;
import io.mailroute.connectors.webhook.ChatMessages.PatternCount;
import io.mailroute.connectors.webhook.WebhookDeliverer.Post;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what of {@code mail.alerts} is posted to chat, and when. Every alert is posted at once,
 * except NEW_PATTERN alerts below CRITICAL: the first one of a key this task sees is posted at once,
 * later ones of the same key are counted in memory and summarised in one message once per
 * {@code chat.summary.interval.ms}. The set of patterns seen lives only in the task: a restarted
 * task posts a pattern's next alert again as first seen.
 *
 * <p>Each alert posted is a delivery {@code <alertKey>@<raisedAt>||CHAT} (no owner), so an alert
 * handed again after a retry or a restart is not posted twice; a summary is recorded as
 * {@code new-patterns@<start of its interval>}.
 */
final class ChatRelay {
    private static final Logger log = LoggerFactory.getLogger(ChatRelay.class);

    private final URI url;
    private final ChatMessages messages;
    private final WebhookDeliverer deliverer;
    private final Time time;
    private final Duration interval;
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private Instant windowStart;
    private Instant nextSummary;

    ChatRelay(
            final URI url,
            final ChatMessages messages,
            final WebhookDeliverer deliverer,
            final Duration interval,
            final Time time) {
        this.url = url;
        this.messages = messages;
        this.deliverer = deliverer;
        this.interval = interval;
        this.time = time;
        this.windowStart = now();
        this.nextSummary = windowStart.plus(interval);
    }

    /** Later alerts of one pattern since it was last posted: distinct alerts by raise time, latest count. */
    private static final class Pending {
        final String scope;
        final Set<Instant> raised = new HashSet<>();
        long total;

        Pending(final String scope) {
            this.scope = scope;
        }
    }

    /** Whether {@code alert} is posted as soon as it arrives. */
    static boolean postedAtOnce(final Alert alert) {
        return alert.getType() != AlertType.NEW_PATTERN || alert.getLevel() == AlertLevel.CRITICAL;
    }

    /**
     * Posts {@code alert} now, or counts it for the next summary.
     *
     * @throws Retry a transient failure: hand the alert again after the backoff
     * @throws Undeliverable the chat refused it
     */
    void relay(final Alert alert) throws Retry, Undeliverable {
        if (postedAtOnce(alert)) {
            deliverer.deliver(post(alert));
            return;
        }
        final String key = alert.getAlertKey();
        if (seen.contains(key)) {
            // handed again after a retry: a set of raise times and the latest count count it once
            final Pending later = pending.computeIfAbsent(key, k -> new Pending(alert.getScope()));
            later.raised.add(alert.getRaisedAt());
            later.total = Math.max(later.total, alert.getCount());
            return;
        }
        deliverer.deliver(post(alert));
        seen.add(key);
    }

    /** Posts the summary of the patterns seen again when its interval is over; a failure only delays it. */
    void summariseIfDue() {
        final Instant now = now();
        if (now.isBefore(nextSummary)) {
            return;
        }
        if (pending.isEmpty()) {
            windowStart = now;
            nextSummary = now.plus(interval);
            return;
        }
        final List<PatternCount> counts = pending.entrySet().stream()
                .map(e -> new PatternCount(
                        e.getKey(), e.getValue().scope, e.getValue().raised.size(), e.getValue().total))
                .toList();
        final Post post = new Post(
                "new-patterns@" + windowStart,
                null,
                DeliveryChannel.CHAT,
                url,
                messages.summary(counts, windowStart, now),
                Map.of());
        try {
            deliverer.deliver(post);
            pending.clear();
            windowStart = now;
            nextSummary = now.plus(interval);
        } catch (Retry e) {
            nextSummary = now.plus(e.backoff());
        } catch (Undeliverable e) {
            log.warn("Summary of {} new patterns dropped: {}", counts.size(), e.getMessage());
            pending.clear();
            windowStart = now;
            nextSummary = now.plus(interval);
        }
    }

    /** Patterns waiting for the next summary. */
    int pendingPatterns() {
        return pending.size();
    }

    Post post(final Alert alert) {
        return new Post(
                alert.getAlertKey() + "@" + alert.getRaisedAt(),
                null,
                DeliveryChannel.CHAT,
                url,
                messages.alert(alert),
                Map.of());
    }

    private Instant now() {
        return Instant.ofEpochMilli(time.milliseconds());
    }
}
