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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP server with TLS, which GreenMail's SMTP does not offer as STARTTLS: either plain
 * SMTP that offers STARTTLS and refuses a mail before it ({@link #starttls}), or TLS from the first
 * byte ({@link #smtps}). It records each command with the phase it came in, the TLS protocol of
 * each session it negotiated, every handshake the client broke off, and the messages accepted.
 */
final class TlsSmtpServer implements AutoCloseable {
    /** A command as received, and whether it came over TLS. */
    record Command(String line, boolean overTls) {
        String verb() {
            final int space = line.indexOf(' ');
            return (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        }
    }

    private final SSLContext tls;
    private final boolean implicitTls;
    private final ServerSocket server;
    final List<Command> commands = new CopyOnWriteArrayList<>();
    final List<String> tlsProtocols = new CopyOnWriteArrayList<>();
    final List<String> handshakeFailures = new CopyOnWriteArrayList<>();
    final List<String> messages = new CopyOnWriteArrayList<>();

    private TlsSmtpServer(final SSLContext tls, final boolean implicitTls) {
        this.tls = tls;
        this.implicitTls = implicitTls;
        try {
            server = implicitTls
                    ? tls.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress())
                    : new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final Thread acceptor = new Thread(this::serve, "tls-smtp-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Plain SMTP on a port of 127.0.0.1 that offers STARTTLS with {@code tls}'s certificate, and requires it. */
    static TlsSmtpServer starttls(final SSLContext tls) {
        return new TlsSmtpServer(tls, false);
    }

    /** SMTP over TLS from the first byte (SMTPS) on a port of 127.0.0.1. */
    static TlsSmtpServer smtps(final SSLContext tls) {
        return new TlsSmtpServer(tls, true);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The verbs received in plain text, then over TLS. */
    List<String> verbs(final boolean overTls) {
        return commands.stream()
                .filter(c -> c.overTls() == overTls)
                .map(Command::verb)
                .toList();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                if (implicitTls) {
                    session(handshake((SSLSocket) socket));
                } else {
                    session(socket);
                }
            } catch (SSLException e) {
                handshakeFailures.add(String.valueOf(e.getMessage()));
            } catch (IOException e) {
                // closed, or the client went away: next connection
            }
        }
    }

    private SSLSocket handshake(final SSLSocket socket) throws IOException {
        socket.setUseClientMode(false);
        socket.startHandshake();
        tlsProtocols.add(socket.getSession().getProtocol());
        return socket;
    }

    private void session(final Socket accepted) throws IOException {
        Socket socket = accepted;
        boolean overTls = implicitTls;
        BufferedReader in = reader(socket);
        OutputStream out = socket.getOutputStream();
        reply(out, "220 tls-test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            final Command command = new Command(line, overTls);
            commands.add(command);
            switch (command.verb()) {
                case "EHLO" ->
                    reply(
                            out,
                            overTls ? "250-tls-test\r\n250 8BITMIME" : "250-tls-test\r\n250-8BITMIME\r\n250 STARTTLS");
                case "STARTTLS" -> {
                    reply(out, "220 2.0.0 Ready to start TLS");
                    final SSLSocket upgraded = (SSLSocket) tls.getSocketFactory()
                            .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
                    socket = handshake(upgraded);
                    overTls = true;
                    in = reader(socket);
                    out = socket.getOutputStream();
                }
                case "MAIL", "RCPT" ->
                    reply(out, overTls ? "250 2.1.0 Ok" : "530 5.7.0 Must issue a STARTTLS command first");
                case "HELO", "RSET", "NOOP" -> reply(out, "250 Ok");
                case "DATA" -> {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    final StringBuilder message = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        message.append(line).append("\r\n");
                    }
                    messages.add(message.toString());
                    reply(out, "250 2.0.0 Ok: queued as tls-" + messages.size());
                }
                case "QUIT" -> {
                    reply(out, "221 2.0.0 Bye");
                    return;
                }
                default -> reply(out, "502 5.5.2 Error: command not recognized");
            }
        }
    }

    private static BufferedReader reader(final Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
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
