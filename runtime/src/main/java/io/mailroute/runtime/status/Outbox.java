package io.mailroute.runtime.status;

import java.time.Instant;
import java.util.List;

/**
 * Mail an SMTP server of the hosting process took instead of sending it on (the capture server of
 * {@code mailroute local}), for {@code /api/outbox} and the status page.
 */
@FunctionalInterface
public interface Outbox {
    /** The captured mails, the newest first. */
    List<CapturedMail> mails();

    /**
     * One captured mail, as its envelope and headers give it.
     *
     * @param from       the envelope sender; empty for a null reverse path
     * @param to         the envelope recipients
     * @param subject    the decoded {@code Subject}; null when absent
     * @param messageId  the {@code Message-ID}; null when absent
     * @param mailId     the {@code X-Mailroute-Mail-Id} of a mailroute notice; null for other mail
     * @param receivedAt when the server took it
     */
    record CapturedMail(
            String from, List<String> to, String subject, String messageId, String mailId, Instant receivedAt) {
        public CapturedMail {
            to = List.copyOf(to);
        }
    }
}
