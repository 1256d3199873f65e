package io.mailroute.topology.support;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A change counter of one global store, bumped by the store's update processor on every change.
 * Stream tasks compare it with the value they last saw to rebuild derived views (the compiled
 * rule set) or to re-check waiting mails (owners that appeared) only when something changed.
 * One per topology built; shared by the global thread and the stream threads.
 */
public final class Generation {
    private final AtomicLong value = new AtomicLong();

    public long current() {
        return value.get();
    }

    public void bump() {
        value.incrementAndGet();
    }
}
