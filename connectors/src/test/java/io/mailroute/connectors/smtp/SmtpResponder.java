package io.mailroute.connectors.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SMTP server that answers RCPT TO and the end of DATA with the replies a test sets, e.g.
 * {@code 451 4.3.0 try again later} or {@code 554 5.7.1 rejected}: the rejections GreenMail cannot give.
 */
final class SmtpResponder implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;
    private volatile String rcptReply = "250 2.1.5 Ok";
    private volatile String dataReply = "250 2.0.0 Ok: queued";
    final AtomicInteger messages = new AtomicInteger();

    SmtpResponder() {
        try {
            server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::serve, "smtp-responder");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    SmtpResponder rcptReply(final String reply) {
        this.rcptReply = reply;
        return this;
    }

    SmtpResponder dataReply(final String reply) {
        this.dataReply = reply;
        return this;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                session(socket);
            } catch (IOException e) {
                // closed, or the client went away: next connection
            }
        }
    }

    private void session(final Socket socket) throws IOException {
        final BufferedReader in =
                new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        final OutputStream out = socket.getOutputStream();
        reply(out, "220 responder ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            final String command = line.toUpperCase(Locale.ROOT);
            if (command.startsWith("EHLO")) {
                reply(out, "250-responder\r\n250 8BITMIME");
            } else if (command.startsWith("HELO") || command.startsWith("MAIL") || command.startsWith("RSET")) {
                reply(out, "250 Ok");
            } else if (command.startsWith("RCPT")) {
                reply(out, rcptReply);
            } else if (command.startsWith("DATA")) {
                reply(out, "354 End data with <CR><LF>.<CR><LF>");
                while ((line = in.readLine()) != null && !line.equals(".")) {
                    // the message
                }
                if (dataReply.startsWith("2")) {
                    messages.incrementAndGet();
                }
                reply(out, dataReply);
            } else if (command.startsWith("QUIT")) {
                reply(out, "221 Bye");
                return;
            } else {
                reply(out, "502 5.5.2 Error: command not recognized");
            }
        }
    }

    private static void reply(final OutputStream out, final String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
