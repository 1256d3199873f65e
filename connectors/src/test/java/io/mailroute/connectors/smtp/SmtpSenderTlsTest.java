package io.mailroute.connectors.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.connectors.smtp.SmtpSender.Accepted;
import io.mailroute.connectors.smtp.SmtpSender.SmtpFailure;
import io.mailroute.connectors.smtp.SmtpSinkConfig.Security;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SmtpSender} over TLS against {@link TlsSmtpServer}: a real STARTTLS upgrade and SMTPS
 * with a certificate for 127.0.0.1 that the client trusts through {@code smtp.ssl.trust}, checking
 * the server's identity; and the clear failure when the certificate is not trusted or names another host.
 */
class SmtpSenderTlsTest {
    private static final String HOST = "127.0.0.1";

    @TempDir
    static Path dir;

    private static SSLContext forLoopback;
    private static SSLContext forAnotherHost;

    @BeforeAll
    static void makeCertificates() throws Exception {
        forLoopback =
                TestCertificate.selfSigned(dir, "ip:127.0.0.1,dns:localhost").serverContext();
        forAnotherHost =
                TestCertificate.selfSigned(dir, "dns:mail.other.example").serverContext();
    }

    @Test
    void shouldUpgradeWithStarttlsBeforeTheMailIsSent() throws Exception {
        try (TlsSmtpServer server = TlsSmtpServer.starttls(forLoopback)) {
            // given
            final SmtpSender sender = sender(server.port(), Security.STARTTLS, HOST);

            // when
            final Accepted accepted = sender.send(message(sender, "m-starttls"));

            // then only EHLO and STARTTLS went in plain text; the envelope and the mail went over TLS
            assertThat(accepted.reply()).isEqualTo("250 2.0.0 Ok: queued as tls-1");
            assertThat(server.verbs(false)).containsExactly("EHLO", "STARTTLS");
            assertThat(server.verbs(true)).containsExactly("EHLO", "MAIL", "RCPT", "DATA", "QUIT");
            assertThat(server.tlsProtocols).singleElement().isIn("TLSv1.3", "TLSv1.2");
            assertThat(server.messages).singleElement().asString().contains("Subject: TLS notice m-starttls");
            assertThat(server.handshakeFailures).isEmpty();
        }
    }

    @Test
    void shouldSpeakTlsFromTheFirstByteWithSmtps() throws Exception {
        try (TlsSmtpServer server = TlsSmtpServer.smtps(forLoopback)) {
            // given
            final SmtpSender sender = sender(server.port(), Security.SMTPS, HOST);

            // when
            final Accepted accepted = sender.send(message(sender, "m-smtps"));

            // then
            assertThat(accepted.reply()).isEqualTo("250 2.0.0 Ok: queued as tls-1");
            assertThat(server.verbs(false)).isEmpty();
            assertThat(server.verbs(true)).containsExactly("EHLO", "MAIL", "RCPT", "DATA", "QUIT");
            assertThat(server.tlsProtocols).singleElement().isIn("TLSv1.3", "TLSv1.2");
            assertThat(server.messages).singleElement().asString().contains("Subject: TLS notice m-smtps");
        }
    }

    @Test
    void shouldRefuseAStarttlsCertificateItDoesNotTrust() throws Exception {
        try (TlsSmtpServer server = TlsSmtpServer.starttls(forLoopback)) {
            // given no smtp.ssl.trust: the JVM's trust store, which does not know the self-signed certificate
            final SmtpSender sender = sender(server.port(), Security.STARTTLS, "");

            // when / then the failure says why, and nothing of the mail left the client
            assertThatThrownBy(() -> sender.send(message(sender, "m-untrusted")))
                    .isInstanceOf(SmtpFailure.class)
                    .hasMessageContaining("not trusted")
                    .hasMessageContaining("Could not convert socket to TLS")
                    .hasMessageContaining("unable to find valid certification path")
                    .extracting(e -> ((SmtpFailure) e).kind())
                    .isEqualTo(SmtpFailure.Kind.FATAL);
            assertThat(server.verbs(false)).containsExactly("EHLO", "STARTTLS");
            assertThat(server.verbs(true)).isEmpty();
            assertThat(server.tlsProtocols).isEmpty();
            assertThat(server.messages).isEmpty();
        }
    }

    @Test
    void shouldRefuseAnSmtpsCertificateItDoesNotTrust() throws Exception {
        try (TlsSmtpServer server = TlsSmtpServer.smtps(forLoopback)) {
            final SmtpSender sender = sender(server.port(), Security.SMTPS, "");

            assertThatThrownBy(() -> sender.send(message(sender, "m-untrusted")))
                    .isInstanceOf(SmtpFailure.class)
                    .hasMessageContaining("unable to find valid certification path")
                    .extracting(e -> ((SmtpFailure) e).kind())
                    .isEqualTo(SmtpFailure.Kind.FATAL);
            assertThat(server.commands).isEmpty();
            assertThat(server.messages).isEmpty();
        }
    }

    @Test
    void shouldRefuseATrustedCertificateOfAnotherHost() throws Exception {
        try (TlsSmtpServer server = TlsSmtpServer.starttls(forAnotherHost)) {
            // given the host trusted, but its certificate names mail.other.example, not 127.0.0.1
            final SmtpSender sender = sender(server.port(), Security.STARTTLS, HOST);

            // when / then
            assertThatThrownBy(() -> sender.send(message(sender, "m-other-host")))
                    .isInstanceOf(SmtpFailure.class)
                    .hasMessageContaining("Could not convert socket to TLS")
                    .hasMessageContaining(HOST)
                    .extracting(e -> ((SmtpFailure) e).kind())
                    .isEqualTo(SmtpFailure.Kind.FATAL);
            assertThat(server.verbs(true)).doesNotContain("MAIL", "DATA");
            assertThat(server.messages).isEmpty();
        }
    }

    /** A sender to 127.0.0.1:{@code port} that trusts the hosts {@code trust} and checks the server's identity. */
    private static SmtpSender sender(final int port, final Security security, final String trust) {
        final Map<String, String> props = SmtpSinkConfig.setter(new HashMap<>())
                .smtp(HOST, port)
                .security(security)
                .trust(trust)
                .set(SmtpSinkConfig.SSL_CHECK_IDENTITY_CONFIG, true)
                .from("Mail notices <no-reply@mailroute.example>", "support@mailroute.example")
                .deliveries("127.0.0.1:9", "mail.deliveries")
                .registryUrl("http://127.0.0.1:9")
                .props();
        return new SmtpSender(new SmtpSinkConfig(props));
    }

    private static MimeMessage message(final SmtpSender sender, final String id) throws Exception {
        final MimeMessage message = new MimeMessage(sender.session());
        message.setFrom(new InternetAddress("no-reply@mailroute.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("ops@owner.example"));
        message.setSubject("TLS notice " + id);
        message.setText("Sent over TLS.");
        message.saveChanges();
        return message;
    }
}
