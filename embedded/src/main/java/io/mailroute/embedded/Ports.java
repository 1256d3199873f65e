package io.mailroute.embedded;

/** The port check every embedded server's builder makes. */
final class Ports {
    private Ports() {}

    /** {@code port} when it is a TCP port or 0 (a free one, picked at start). */
    static int checked(final int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port;
    }
}
