package io.mailroute.stack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailroute.runtime.status.Outbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;

/**
 * An SMTP server in this JVM (GreenMail) that takes every mail for any recipient and keeps the
 * latest {@link #LIMIT} in its {@link #outbox()} instead of sending them: where the SMTP sink of
 * {@code mailroute local} delivers when no relay is given.
 */
final class SmtpCapture implements AutoCloseable {
    /** Mails the outbox keeps. */
    static final int LIMIT = 1_000;

    private final GreenMail server;
    private final CapturedMails outbox;
    private final String host;
    private final int port;

    private SmtpCapture(final GreenMail server, final CapturedMails outbox, final String host, final int port) {
        this.server = server;
        this.outbox = outbox;
        this.host = host;
        this.port = port;
    }

    /** Starts the server on {@code host}; {@code port} 0 takes a free one. */
    static SmtpCapture start(final String host, final int port) {
        final int bound = port == 0 ? freePort(host) : port;
        final CapturedMails outbox = new CapturedMails(LIMIT, Clock.systemUTC());
        final CapturingUser mailbox = new CapturingUser(outbox);
        final GreenMail server = new GreenMail(new ServerSetup(bound, host, ServerSetup.PROTOCOL_SMTP));
        server.getUserManager().setMessageDeliveryHandler((message, recipient) -> mailbox);
        server.start();
        return new SmtpCapture(server, outbox, host, bound);
    }

    private static int freePort(final String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    Outbox outbox() {
        return outbox;
    }

    @Override
    public void close() {
        server.stop();
    }
}
