package io.mailroute.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.runtime.status.Outbox;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SmtpCaptureTest {

    @Test
    void shouldCaptureAMailOnceForAllItsRecipients() throws Exception {
        try (SmtpCapture capture = SmtpCapture.start("127.0.0.1", 0)) {
            // given
            final Properties props = new Properties();
            props.setProperty("mail.smtp.host", capture.host());
            props.setProperty("mail.smtp.port", Integer.toString(capture.port()));
            final MimeMessage notice = new MimeMessage(Session.getInstance(props));
            notice.setFrom(new InternetAddress("no-reply@mailroute.local"));
            notice.setRecipients(Message.RecipientType.TO, InternetAddress.parse("ops@example.jp, cto@example.jp"));
            notice.setSubject("請求のお知らせ", "UTF-8");
            notice.setHeader(CapturedMails.MAIL_ID_HEADER, "incoming/abc.eml");
            notice.setText("body");
            notice.saveChanges();

            // when
            Transport.send(notice);

            // then
            final List<Outbox.CapturedMail> mails = capture.outbox().mails();
            assertThat(mails).hasSize(1);
            final Outbox.CapturedMail mail = mails.get(0);
            assertThat(mail.from()).isEqualTo("no-reply@mailroute.local");
            assertThat(mail.to()).containsExactly("cto@example.jp", "ops@example.jp");
            assertThat(mail.subject()).isEqualTo("請求のお知らせ");
            assertThat(mail.mailId()).isEqualTo("incoming/abc.eml");
            assertThat(mail.messageId()).isEqualTo(notice.getMessageID());
        }
    }

    @Test
    void shouldKeepOnlyTheLatestMailsNewestFirst() throws Exception {
        final CapturedMails outbox =
                new CapturedMails(2, Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC));
        for (final String subject : List.of("first", "second", "third")) {
            final MimeMessage message = new MimeMessage((Session) null);
            message.setSubject(subject);
            outbox.add("a@example.jp", List.of("b@example.jp"), message);
        }

        assertThat(outbox.mails()).extracting(Outbox.CapturedMail::subject).containsExactly("third", "second");
        assertThat(outbox.mails().get(0).mailId()).isNull();
        assertThat(outbox.mails().get(0).receivedAt()).isEqualTo(Instant.parse("2026-12-05T10:00:00Z"));
    }
}
