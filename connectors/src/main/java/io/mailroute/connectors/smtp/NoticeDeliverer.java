package io.mailroute.connectors.smtp;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.connectors.delivery.DeliveryAttempts;
import io.mailroute.connectors.delivery.DeliveryAttempts.Reply;
import io.mailroute.connectors.delivery.DeliveryAttempts.Result;
import io.mailroute.connectors.delivery.DeliveryAttempts.Target;
import io.mailroute.connectors.delivery.DeliveryFailure;
import io.mailroute.connectors.delivery.Retry;
import io.mailroute.connectors.delivery.Undeliverable;
import io.mailroute.connectors.smtp.NoticeComposer.Original;
import io.mailroute.connectors.smtp.SmtpSender.Accepted;
import io.mailroute.connectors.smtp.SmtpSender.SmtpFailure;
import io.mailroute.s3.S3Failure;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Optional;

/**
 * Delivers one notice per (mail, owner) through {@link DeliveryAttempts}, which records the outcome
 * under {@code mailId|ownerId|SMTP}. What is particular to SMTP:
 *
 * <ul>
 *   <li>the recipients are the owner's contacts; none → FAILED "no recipients", nothing sent, no dead letter;
 *   <li>the notice is composed with the original attached (or named in the body when it is missing);
 *   <li>accepted → DELIVERED with the server's reply, the recipients it refused and a missing original
 *       in the detail, recorded to the recipients it accepted;
 *   <li>4xx, a connection problem or an S3 failure fetching the original → transient;
 *       5xx or a notice that cannot be composed → permanent; refused credentials → fatal.
 * </ul>
 */
final class NoticeDeliverer {
    static final String NO_RECIPIENTS = "no recipients";

    private final NoticeComposer composer;
    private final SmtpSender sender;
    private final OriginalMails originals;
    private final DeliveryAttempts attempts;

    NoticeDeliverer(
            final NoticeComposer composer,
            final SmtpSender sender,
            final OriginalMails originals,
            final DeliveryAttempts attempts) {
        this.composer = composer;
        this.sender = sender;
        this.originals = originals;
        this.attempts = attempts;
    }

    /**
     * Delivers the notice for {@code mail}.
     *
     * @throws Undeliverable the notice cannot be delivered (recorded FAILED)
     * @throws Retry a transient failure (recorded RETRYING): call again for the same record after the backoff
     */
    Result deliver(final ClassifiedMail mail) throws Undeliverable, Retry {
        final List<String> recipients = mail.getOwnerContacts() == null
                ? List.of()
                : mail.getOwnerContacts().getRecipients().stream()
                        .filter(r -> r != null && !r.isBlank())
                        .toList();
        final Target target = new Target(mail.getMailId(), mail.getOwnerId(), DeliveryChannel.SMTP, recipients);
        if (recipients.isEmpty()) {
            return attempts.refuse(target, NO_RECIPIENTS);
        }
        return attempts.deliver(target, () -> send(mail, recipients));
    }

    private Reply send(final ClassifiedMail mail, final List<String> recipients) throws DeliveryFailure {
        try {
            final Original original = originals.fetch(mail.getRaw());
            final MimeMessage message = composer.compose(mail, recipients, original);
            final Accepted accepted = sender.send(message);
            String detail = accepted.reply();
            if (!accepted.refused().isEmpty()) {
                detail += "; refused: " + String.join(", ", accepted.refused());
            }
            if (original.content().isEmpty()) {
                detail += "; original not attached: " + original.missingReason();
            }
            final List<String> sentTo = recipients.stream()
                    .filter(r -> accepted.refused().stream().noneMatch(x -> x.equalsIgnoreCase(r)))
                    .toList();
            return new Reply(detail, sentTo);
        } catch (SmtpFailure e) {
            throw switch (e.kind()) {
                case TRANSIENT -> DeliveryFailure.transientFailure(e.getMessage(), Optional.empty(), e);
                case PERMANENT -> DeliveryFailure.permanent(e.getMessage(), e);
                case FATAL -> DeliveryFailure.fatal(e.getMessage(), e);
            };
        } catch (S3Failure e) {
            throw DeliveryFailure.transientFailure(e.getMessage(), Optional.empty(), e);
        } catch (MessagingException e) {
            throw DeliveryFailure.permanent("cannot compose the notice: " + e.getMessage(), e);
        }
    }
}
