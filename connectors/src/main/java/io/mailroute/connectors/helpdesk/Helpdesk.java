package io.mailroute.connectors.helpdesk;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.TicketAction;
import io.mailroute.connectors.http.HttpPoster.Failure;

/**
 * One helpdesk's API subset: applies a {@code mail.ticket} record's {@link TicketAction} to the
 * ticket named by its {@code ticketKey}, looking the ticket up first so that no key ever gets a
 * second ticket (an OPEN for an existing ticket comments on it; an UPDATE without a ticket opens
 * it). Every step may be repeated after a failure: the lookup finds what an earlier attempt made.
 */
interface Helpdesk {
    /**
     * What was done to which ticket: {@code detail} such as {@code created ticket 42 https://...}
     * (the Delivery's detail), {@code ticketUrl} the ticket (the Delivery's recipient).
     */
    record Applied(String detail, String ticketUrl) {
        static Applied to(final String what, final String ticket, final String url) {
            return new Applied(what + " " + ticket + " " + url, url);
        }
    }

    /**
     * Applies {@code mail}'s ticket action.
     *
     * @throws Failure a request failed, classified by the poster
     */
    Applied apply(ClassifiedMail mail) throws Failure;

    /** The record's ticket key: {@code ticketKey}, or the mail id when the rule gave none. */
    static String key(final ClassifiedMail mail) {
        final String key = mail.getTicketKey();
        return key == null || key.isBlank() ? mail.getMailId() : key.trim();
    }

    /** The record's action; OPEN when absent. */
    static TicketAction action(final ClassifiedMail mail) {
        return mail.getTicketAction() == null ? TicketAction.OPEN : mail.getTicketAction();
    }

    /** The ticket's title: the mail's subject, or the category and key without one. */
    static String subject(final ClassifiedMail mail) {
        final String subject = mail.getSubject();
        return subject == null || subject.isBlank() ? mail.getCategory() + " " + key(mail) : subject;
    }

    /** The comment a record adds: the subject, the text excerpt and where the mail is. */
    static String comment(final ClassifiedMail mail) {
        final StringBuilder text = new StringBuilder();
        text.append(subject(mail)).append("\n\n");
        if (mail.getTextExcerpt() != null && !mail.getTextExcerpt().isBlank()) {
            text.append(mail.getTextExcerpt().strip()).append("\n\n");
        }
        text.append("mailroute: ")
                .append(action(mail).name())
                .append(", severity ")
                .append(mail.getSeverity().name())
                .append(", category ")
                .append(mail.getCategory());
        if (mail.getOwnerId() != null) {
            text.append(", owner ").append(mail.getOwnerId());
            if (mail.getOwnerName() != null) {
                text.append(" (").append(mail.getOwnerName()).append(')');
            }
        }
        text.append(", mail ").append(mail.getMailId());
        return text.toString();
    }
}
