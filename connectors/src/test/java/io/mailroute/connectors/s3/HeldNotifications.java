package io.mailroute.connectors.s3;

import io.mailroute.embedded.ObjectCreatedListener;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands between the embedded S3 and its queue: passes notifications on, except those of keys the
 * test holds back; those it can lose, or send later, out of order or more than once.
 */
final class HeldNotifications implements ObjectCreatedListener {
    private record Event(String eventName, String bucket, String key, long size, String etag) {}

    private final Set<String> holding = ConcurrentHashMap.newKeySet();
    private final Map<String, Event> held = new ConcurrentHashMap<>();
    private volatile ObjectCreatedListener queue = (eventName, bucket, key, size, etag) -> {};

    /** Sends what is not held to {@code target} from now on. */
    void sendTo(final ObjectCreatedListener target) {
        this.queue = target;
    }

    /** Holds back the notification of {@code key}'s next upload. */
    void hold(final String key) {
        holding.add(key);
    }

    /** Sends the held notification of {@code key} now (again, when called again). */
    void release(final String key) {
        final Event event = held.get(key);
        queue.objectCreated(event.eventName(), event.bucket(), event.key(), event.size(), event.etag());
    }

    @Override
    public void objectCreated(
            final String eventName, final String bucket, final String key, final long size, final String etag) {
        if (holding.remove(key)) {
            held.put(key, new Event(eventName, bucket, key, size, etag));
        } else {
            queue.objectCreated(eventName, bucket, key, size, etag);
        }
    }
}
