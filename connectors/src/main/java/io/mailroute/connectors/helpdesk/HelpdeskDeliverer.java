package io.mailroute.connectors.helpdesk;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.connectors.delivery.DeliveryAttempts;
import io.mailroute.connectors.delivery.DeliveryAttempts.Reply;
import io.mailroute.connectors.delivery.DeliveryAttempts.Result;
import io.mailroute.connectors.delivery.DeliveryAttempts.Target;
import io.mailroute.connectors.delivery.Retry;
import io.mailroute.connectors.delivery.Undeliverable;
import io.mailroute.connectors.helpdesk.Helpdesk.Applied;
import io.mailroute.connectors.http.HttpPoster.Failure;
import java.util.List;

/**
 * Applies one {@code mail.ticket} record to the helpdesk through {@link DeliveryAttempts}, which
 * records the outcome under {@code mailId|ownerId|HELPDESK}: DELIVERED with what was done and the
 * ticket's URL as its recipient (the helpdesk's URL while no ticket is known), HTTP failures as
 * {@link Failure#classified()} (429 with its {@code Retry-After}, 408, 5xx and connection errors
 * transient, any other status permanent).
 */
final class HelpdeskDeliverer {
    private final Helpdesk helpdesk;
    private final String helpdeskUrl;
    private final DeliveryAttempts attempts;

    HelpdeskDeliverer(final Helpdesk helpdesk, final String helpdeskUrl, final DeliveryAttempts attempts) {
        this.helpdesk = helpdesk;
        this.helpdeskUrl = helpdeskUrl;
        this.attempts = attempts;
    }

    /**
     * Applies {@code mail} unless it was delivered before.
     *
     * @throws Undeliverable the record cannot succeed (recorded FAILED)
     * @throws Retry a transient failure (recorded RETRYING): call again with the same record after the backoff
     */
    Result deliver(final ClassifiedMail mail) throws Undeliverable, Retry {
        final Target target =
                new Target(mail.getMailId(), mail.getOwnerId(), DeliveryChannel.HELPDESK, List.of(helpdeskUrl));
        return attempts.deliver(target, () -> {
            try {
                final Applied applied = helpdesk.apply(mail);
                return new Reply(
                        applied.detail(), List.of(applied.ticketUrl() == null ? helpdeskUrl : applied.ticketUrl()));
            } catch (Failure e) {
                throw e.classified();
            }
        });
    }
}
