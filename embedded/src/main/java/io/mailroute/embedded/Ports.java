package io.mailroute.embedded;

import java.io.IOException;
import java.net.ServerSocket;

/** The port check every embedded server's builder makes, and a free port for what must know its port before it starts. */
public final class Ports {
    private Ports() {}

    /** {@code port} when it is a TCP port or 0 (a free one, picked at start). */
    static int checked(final int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port;
    }

    /** A port free at the time of the call (another process may take it before it is used). */
    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
