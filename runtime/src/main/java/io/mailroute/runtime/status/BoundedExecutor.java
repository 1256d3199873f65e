package io.mailroute.runtime.status;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status server's executor: a fixed number of threads, a bounded queue (a connection that does
 * not fit is closed by the JDK server), and a time limit on the client's part of each exchange.
 *
 * <p>The JDK server reads a request's line and headers on the executor thread, blocking; a client
 * that sends them (or the body) a byte at a time, or not at all, would hold the thread for ever.
 * So each exchange gets {@code clientTime} to send its request; the handler {@link #pause()}s the
 * clock while the server works on the answer and {@link #resume()}s it, afresh, for the client to
 * take the answer. When the time runs out the thread is interrupted, which closes the connection's
 * channel and ends the blocked read or write.
 */
final class BoundedExecutor implements Executor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedExecutor.class);

    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService clock;
    private final Duration clientTime;
    private final ThreadLocal<Deadline> current = new ThreadLocal<>();

    /**
     * @param threads    exchanges handled at once
     * @param queued     exchanges waiting for a thread; more are refused
     * @param clientTime how long a client may take to send its request, and to take the answer
     */
    BoundedExecutor(final int threads, final int queued, final Duration clientTime) {
        this.pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queued),
                daemons("mailroute-status-http-"));
        final ScheduledThreadPoolExecutor deadlines =
                new ScheduledThreadPoolExecutor(1, daemons("mailroute-status-deadline-"));
        deadlines.setRemoveOnCancelPolicy(true);
        this.clock = deadlines;
        this.clientTime = clientTime;
    }

    @Override
    public void execute(final Runnable exchange) {
        pool.execute(() -> {
            final Deadline deadline = new Deadline(Thread.currentThread());
            current.set(deadline);
            deadline.start();
            try {
                exchange.run();
            } finally {
                deadline.end();
                current.remove();
                // a deadline that struck as the exchange ended must not reach the next one
                Thread.interrupted();
            }
        });
    }

    /** Stops the current exchange's clock: the server, not the client, is working now. */
    void pause() {
        final Deadline deadline = current.get();
        if (deadline != null) {
            deadline.stop();
        }
    }

    /** Gives the client of the current exchange a fresh {@code clientTime} to take the answer. */
    void resume() {
        final Deadline deadline = current.get();
        if (deadline != null) {
            deadline.start();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        clock.shutdownNow();
    }

    private static ThreadFactory daemons(final String prefix) {
        final AtomicInteger count = new AtomicInteger();
        return runnable -> {
            final Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The clock of one exchange; each start arms a new expiry, and an expiry armed before a stop never strikes. */
    private final class Deadline {
        private final Thread thread;
        private ScheduledFuture<?> expiry;
        private long armed;
        private boolean ended;

        Deadline(final Thread thread) {
            this.thread = thread;
        }

        synchronized void start() {
            stop();
            if (!ended) {
                final long generation = ++armed;
                expiry = clock.schedule(() -> expire(generation), clientTime.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        synchronized void stop() {
            if (expiry != null) {
                expiry.cancel(false);
                expiry = null;
            }
        }

        synchronized void end() {
            ended = true;
            stop();
        }

        private synchronized void expire(final long generation) {
            if (!ended && expiry != null && generation == armed) {
                LOG.info(
                        "Closing a connection whose client took longer than {} to send its request or take the answer",
                        clientTime);
                thread.interrupt();
            }
        }
    }
}
