package io.mailroute.topology.budget;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mail attempts whose processing began on a stream thread and never returned: the thread died
 * in them (an {@link Error} no stage could turn into a dead letter) and Kafka Streams replaced it,
 * so the record is read again. An attempt begun twice without finishing has killed two threads; the
 * stage dead-letters it instead of reading it a third time. Shared by the stream threads of one
 * topology instance; remembers at most {@code capacity} unfinished attempts (the oldest go first).
 * Kept in memory: a process that dies with its threads starts over with the count.
 */
public final class UnfinishedAttempts {
    /** Thread deaths after which an attempt is dead-lettered rather than read again. */
    public static final int DEATHS_TO_DEAD_LETTER = 2;

    private final Map<String, Integer> begun;

    public UnfinishedAttempts(final int capacity) {
        this.begun = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, Integer> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Begins {@code attempt}: returns how many earlier beginnings never finished, i.e. how many
     * stream threads it has killed. Pair with {@link #finish} on the normal path only.
     */
    public synchronized int begin(final String attempt) {
        final int deaths = begun.getOrDefault(attempt, 0);
        begun.put(attempt, deaths + 1);
        return deaths;
    }

    /** The attempt returned normally (or was set aside): it is forgotten. */
    public synchronized void finish(final String attempt) {
        begun.remove(attempt);
    }
}
