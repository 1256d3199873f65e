package io.mailroute.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import org.junit.jupiter.api.Test;

/** Ephemeral ports are bound before the configuration is written and handed to Kafka. */
class PreboundSocketsTest {

    @Test
    void handsOutThePreboundSocketOnce() throws Exception {
        try (PreboundSockets sockets = new PreboundSockets()) {
            final int port = sockets.bind("PLAINTEXT", "127.0.0.1", 0);
            assertThat(port).isPositive();
            final InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            try (ServerSocketChannel channel = sockets.openServerSocket("PLAINTEXT", address, 50, -1)) {
                assertThat(((InetSocketAddress) channel.getLocalAddress()).getPort())
                        .isEqualTo(port);
                assertThat(channel.isBlocking()).isFalse();
            }
            // a second request (a restart) binds the configured address itself
            try (ServerSocketChannel again = sockets.openServerSocket("PLAINTEXT", address, 50, -1)) {
                assertThat(((InetSocketAddress) again.getLocalAddress()).getPort())
                        .isEqualTo(port);
            }
        }
    }

    @Test
    void closeReleasesUnusedSockets() throws Exception {
        final int port;
        try (PreboundSockets sockets = new PreboundSockets()) {
            port = sockets.bind("CONTROLLER", "127.0.0.1", 0);
        }
        try (ServerSocketChannel channel = ServerSocketChannel.open()) {
            channel.bind(new InetSocketAddress("127.0.0.1", port));
            assertThat(channel.isOpen()).isTrue();
        }
    }
}
