package io.mailroute.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.server.ServerSocketFactory;

/**
 * Listener sockets bound before the broker starts, so that an ephemeral port (0) is known when
 * the configuration is written and no other process can take it in between. Kafka's socket
 * servers ask this factory for their sockets and receive the pre-bound ones.
 */
final class PreboundSockets implements ServerSocketFactory, AutoCloseable {
    private final Map<String, ServerSocketChannel> unused = new HashMap<>();

    /**
     * Binds {@code host:port} now (port 0 picks a free port) for the listener {@code name}.
     *
     * @return the bound port
     */
    synchronized int bind(final String listenerName, final String host, final int port) throws IOException {
        final ServerSocketChannel channel =
                ServerSocketFactory.INSTANCE.openServerSocket(listenerName, new InetSocketAddress(host, port), -1, -1);
        final ServerSocketChannel previous = unused.put(listenerName, channel);
        if (previous != null) {
            Utils.closeQuietly(previous, "pre-bound socket " + listenerName);
        }
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    @Override
    public synchronized ServerSocketChannel openServerSocket(
            final String listenerName,
            final InetSocketAddress socketAddress,
            final int listenBacklogSize,
            final int recvBufferSize)
            throws IOException {
        final ServerSocketChannel channel = unused.remove(listenerName);
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        return ServerSocketFactory.INSTANCE.openServerSocket(
                listenerName, socketAddress, listenBacklogSize, recvBufferSize);
    }

    /** Closes the sockets that no socket server took over. */
    @Override
    public synchronized void close() {
        unused.forEach((name, channel) -> Utils.closeQuietly(channel, "pre-bound socket " + name));
        unused.clear();
    }
}
