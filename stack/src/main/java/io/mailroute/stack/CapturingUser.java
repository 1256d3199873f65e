package io.mailroute.stack;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Comparator;

/**
 * The one mailbox of the SMTP capture server: every recipient's copy comes here and is kept in
 * {@link CapturedMails} once per message, so that GreenMail stores nothing and memory stays bounded.
 */
final class CapturingUser implements GreenMailUser {
    private static final String LOGIN = "outbox";

    private final CapturedMails mails;
    private MovingMessage last;

    CapturingUser(final CapturedMails mails) {
        this.mails = mails;
    }

    /** Called once per recipient, and for all recipients of a message in a row (GreenMail's SmtpManager is synchronized). */
    @Override
    public synchronized void deliver(final MovingMessage message) {
        if (message == last) {
            return;
        }
        last = message;
        final MailAddress from = message.getReturnPath();
        try {
            mails.add(
                    from == null ? "" : from.getEmail(),
                    message.getToAddresses().stream()
                            .map(MailAddress::getEmail)
                            .sorted(Comparator.naturalOrder())
                            .toList(),
                    message.getMessage());
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read the captured mail's headers", e);
        }
    }

    @Override
    public void deliver(final MimeMessage message) {
        throw new UnsupportedOperationException("the capture server takes mail by SMTP only");
    }

    @Override
    public String getEmail() {
        return LOGIN + "@localhost";
    }

    @Override
    public String getLogin() {
        return LOGIN;
    }

    @Override
    public void create() {}

    @Override
    public void delete() {}

    @Override
    public String getPassword() {
        return "";
    }

    @Override
    public void setPassword(final String password) {
        throw new UnsupportedOperationException("the capture server has no logins");
    }

    @Override
    public void authenticate(final String password) {}

    @Override
    public String getQualifiedMailboxName() {
        return LOGIN;
    }
}
