package io.mailroute.connectors.webhook;

import io.mailroute.avro.DeliveryChannel;
import io.mailroute.connectors.delivery.DeliveryAttempts;
import io.mailroute.connectors.delivery.DeliveryAttempts.Reply;
import io.mailroute.connectors.delivery.DeliveryAttempts.Result;
import io.mailroute.connectors.delivery.DeliveryAttempts.Target;
import io.mailroute.connectors.delivery.Retry;
import io.mailroute.connectors.delivery.Undeliverable;
import io.mailroute.connectors.http.HttpPoster;
import io.mailroute.connectors.http.HttpPoster.Accepted;
import io.mailroute.connectors.http.HttpPoster.Failure;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Posts one JSON document per delivery through {@link DeliveryAttempts}, which records the outcome
 * under the post's key: DELIVERED with the status and an excerpt of the answer, the webhook's scheme,
 * host and port as recipient (its path may be a secret), HTTP failures as
 * {@link Failure#classified()} (429 with its {@code Retry-After}, 408, 5xx and connection errors
 * transient, any other status permanent).
 */
final class WebhookDeliverer {
    private final HttpPoster poster;
    private final DeliveryAttempts attempts;

    WebhookDeliverer(final HttpPoster poster, final DeliveryAttempts attempts) {
        this.poster = poster;
        this.attempts = attempts;
    }

    /** One document to post, and the delivery it is recorded as. */
    record Post(
            String mailId,
            String ownerId,
            DeliveryChannel channel,
            URI url,
            String json,
            Map<String, String> headers) {}

    /**
     * Posts {@code post} unless it was delivered before.
     *
     * @throws Undeliverable the post cannot succeed (recorded FAILED)
     * @throws Retry a transient failure (recorded RETRYING): call again with the same post after the backoff
     */
    Result deliver(final Post post) throws Undeliverable, Retry {
        final Target target =
                new Target(post.mailId(), post.ownerId(), post.channel(), List.of(HttpPoster.where(post.url())));
        return attempts.deliver(target, () -> {
            try {
                final Accepted accepted = poster.post(post.url(), post.json(), post.headers());
                return new Reply(accepted.detail(), target.recipients());
            } catch (Failure e) {
                throw e.classified();
            }
        });
    }
}
