package io.mailroute.stack;

import io.mailroute.runtime.status.Outbox;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The latest mails the SMTP capture server took, at most a bound of them, the newest first. */
final class CapturedMails implements Outbox {
    /** The header the SMTP sink names a notice's mail with. */
    static final String MAIL_ID_HEADER = "X-Mailroute-Mail-Id";

    private final int limit;
    private final Clock clock;
    private final Deque<CapturedMail> mails = new ArrayDeque<>();

    CapturedMails(final int limit, final Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** Keeps {@code message} as taken now from {@code from} for {@code to}, dropping the oldest beyond the bound. */
    void add(final String from, final List<String> to, final MimeMessage message) throws MessagingException {
        final CapturedMail mail = new CapturedMail(
                from,
                to,
                message.getSubject(),
                message.getMessageID(),
                message.getHeader(MAIL_ID_HEADER, null),
                clock.instant());
        synchronized (mails) {
            mails.addFirst(mail);
            if (mails.size() > limit) {
                mails.removeLast();
            }
        }
    }

    @Override
    public List<CapturedMail> mails() {
        synchronized (mails) {
            return new ArrayList<>(mails);
        }
    }
}
