package io.mailroute.connectors.smtp;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Submits notices to the configured SMTP server with Jakarta Mail, one connection per notice,
 * and classifies every failure once ({@link SmtpFailure.Kind}): a 4xx reply or a connection
 * problem is transient, a 5xx reply permanent, refused credentials fatal.
 */
final class SmtpSender {
    private final SmtpSinkConfig config;
    private final Session session;

    SmtpSender(final SmtpSinkConfig config) {
        this.config = config;
        this.session = Session.getInstance(properties(config));
    }

    Session session() {
        return session;
    }

    /** What the server answered to an accepted notice, and which recipients it refused (with sendpartial). */
    record Accepted(String reply, List<String> refused) {}

    /**
     * Sends {@code message} to its recipients.
     *
     * @return the server's last reply (e.g. {@code 250 2.0.0 Ok: queued as ...})
     * @throws SmtpFailure classified
     */
    Accepted send(final MimeMessage message) {
        final String protocol = config.security() == SmtpSinkConfig.Security.SMTPS ? "smtps" : "smtp";
        Transport transport = null;
        try {
            transport = session.getTransport(protocol);
            if (config.username().isPresent()) {
                transport.connect(
                        config.host(), config.port(), config.username().get(), config.password());
            } else {
                transport.connect(config.host(), config.port(), null, null);
            }
            Accepted accepted;
            try {
                transport.sendMessage(message, message.getAllRecipients());
                accepted = new Accepted(lastReply(transport), List.of());
            } catch (SendFailedException e) {
                final Address[] sent = e.getValidSentAddresses();
                if (sent == null || sent.length == 0) {
                    throw e;
                }
                accepted = new Accepted(lastReply(transport), refused(e));
            }
            // accepted: a failing QUIT must not turn it into a failure that would send the notice again
            closeQuietly(transport);
            return accepted;
        } catch (MessagingException e) {
            closeQuietly(transport);
            throw SmtpFailure.classify(e);
        }
    }

    private static void closeQuietly(final Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException e) {
            // the connection is gone either way; what the server accepted stays accepted
        }
    }

    private static String lastReply(final Transport transport) {
        final String reply = transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse() : null;
        return reply == null ? "250" : reply.strip();
    }

    private static List<String> refused(final SendFailedException e) {
        return e.getInvalidAddresses() == null
                ? List.of()
                : Arrays.stream(e.getInvalidAddresses()).map(Address::toString).toList();
    }

    static Properties properties(final SmtpSinkConfig config) {
        final Properties props = new Properties();
        final String protocol = config.security() == SmtpSinkConfig.Security.SMTPS ? "smtps" : "smtp";
        final String p = "mail." + protocol + ".";
        props.put(p + "host", config.host());
        props.put(p + "port", Integer.toString(config.port()));
        props.put(p + "auth", Boolean.toString(config.username().isPresent()));
        props.put(p + "connectiontimeout", Integer.toString(config.connectionTimeoutMs()));
        props.put(p + "timeout", Integer.toString(config.timeoutMs()));
        props.put(p + "writetimeout", Integer.toString(config.timeoutMs()));
        props.put(p + "sendpartial", "true");
        switch (config.security()) {
            case STARTTLS -> {
                props.put(p + "starttls.enable", "true");
                props.put(p + "starttls.required", "true");
            }
            case SMTPS -> props.put(p + "ssl.enable", "true");
            case NONE -> props.put(p + "starttls.enable", "false");
        }
        if (config.security() != SmtpSinkConfig.Security.NONE) {
            props.put(p + "ssl.checkserveridentity", Boolean.toString(config.checkServerIdentity()));
            if (!config.sslTrust().isBlank()) {
                props.put(p + "ssl.trust", config.sslTrust());
            }
            props.put(p + "ssl.protocols", "TLSv1.3 TLSv1.2");
        }
        return props;
    }

    /** A failed submission, classified once. */
    static final class SmtpFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** What a failure means for the notice. */
        enum Kind {
            /** 4xx, a connection or I/O problem: the same notice may go through later. */
            TRANSIENT,
            /** 5xx: this notice will never be accepted as it is; dead-letter it with the reply. */
            PERMANENT,
            /**
             * The server refused the credentials, offers no STARTTLS, or its certificate is not
             * trusted: no notice can go out until the configuration is fixed.
             */
            FATAL
        }

        private final Kind kind;
        private final int replyCode;

        SmtpFailure(final Kind kind, final int replyCode, final String message, final Throwable cause) {
            super(message, cause);
            this.kind = kind;
            this.replyCode = replyCode;
        }

        Kind kind() {
            return kind;
        }

        /** The SMTP reply code, or -1 when the server did not answer with one. */
        int replyCode() {
            return replyCode;
        }

        static SmtpFailure classify(final MessagingException e) {
            if (e instanceof AuthenticationFailedException) {
                return new SmtpFailure(Kind.FATAL, 535, "SMTP authentication failed: " + describe(e), e);
            }
            if (String.valueOf(e.getMessage()).contains("STARTTLS is required")) {
                return new SmtpFailure(
                        Kind.FATAL,
                        -1,
                        "The SMTP server does not offer STARTTLS, which smtp.security=starttls requires",
                        e);
            }
            if (untrustedCertificate(e)) {
                return new SmtpFailure(
                        Kind.FATAL,
                        -1,
                        "The SMTP server's certificate is not trusted for smtp.host (trust it with smtp.ssl.trust, "
                                + "or check smtp.ssl.check.server.identity): " + describe(e),
                        e);
            }
            final int code = replyCode(e);
            if (code >= 500) {
                return new SmtpFailure(Kind.PERMANENT, code, describe(e), e);
            }
            return new SmtpFailure(Kind.TRANSIENT, code, describe(e), e);
        }

        /** Whether the chain of failures ends in a certificate the client does not trust or that names another host. */
        private static boolean untrustedCertificate(final MessagingException e) {
            final Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            Throwable next = e;
            while (next != null && seen.add(next)) {
                if (next instanceof CertificateException || next instanceof SSLPeerUnverifiedException) {
                    return true;
                }
                if (next instanceof IOException
                        && String.valueOf(next.getMessage()).startsWith("Can't verify identity of server")) {
                    return true;
                }
                next = next instanceof MessagingException m && m.getNextException() != null
                        ? m.getNextException()
                        : next.getCause();
            }
            return false;
        }

        /** The first reply code found in the chain of failures (a refused recipient carries its own). */
        private static int replyCode(final Exception e) {
            Exception next = e;
            while (next != null) {
                if (next instanceof SMTPSendFailedException f) {
                    return f.getReturnCode();
                }
                if (next instanceof SMTPAddressFailedException f) {
                    return f.getReturnCode();
                }
                if (next instanceof SMTPSenderFailedException f) {
                    return f.getReturnCode();
                }
                if (next instanceof IOException || next.getCause() instanceof IOException) {
                    return -1;
                }
                next = next instanceof MessagingException m ? m.getNextException() : null;
            }
            return -1;
        }

        /** The message with the server's replies of nested failures, e.g. {@code Invalid Addresses; 550 5.1.1 <x@y>: no such user}. */
        private static String describe(final Exception e) {
            final StringBuilder out =
                    new StringBuilder(String.valueOf(e.getMessage()).strip());
            Exception next = e instanceof MessagingException m ? m.getNextException() : null;
            while (next != null) {
                out.append("; ").append(String.valueOf(next.getMessage()).strip());
                next = next instanceof MessagingException m ? m.getNextException() : null;
            }
            return Arrays.stream(out.toString().split("\\R")).map(String::strip).collect(Collectors.joining(" "));
        }
    }
}
