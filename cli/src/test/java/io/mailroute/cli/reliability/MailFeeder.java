package io.mailroute.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailroute.cli.bench.GeneratedMail;
import io.mailroute.runtime.client.LocalDefaults;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Uploads mail to the inbound bucket from a background thread, the way SES does (one object per
 * mail under {@code incoming/}), while the test kills and restarts parts of the pipeline.
 */
final class MailFeeder implements AutoCloseable {
    private final S3Client s3;
    private final List<GeneratedMail> mails;
    private final Map<String, Long> putAt = new ConcurrentHashMap<>();
    private final AtomicInteger uploaded = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private final long intervalNanos;
    private volatile boolean stopped;

    /** @param perSecond the upload rate, so that kills land while mail is still arriving */
    MailFeeder(final S3Client s3, final List<GeneratedMail> mails, final int perSecond) {
        this.s3 = s3;
        this.mails = List.copyOf(mails);
        this.intervalNanos = 1_000_000_000L / perSecond;
        this.thread = new Thread(this::feed, "mail-feeder");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    int total() {
        return mails.size();
    }

    int uploaded() {
        return uploaded.get();
    }

    /** The object keys (= mail ids) uploaded so far. */
    Set<String> uploadedKeys() {
        return Set.copyOf(putAt.keySet());
    }

    /** When the upload of {@code key} completed, in milliseconds since the epoch, or null. */
    Long putAt(final String key) {
        return putAt.get(key);
    }

    void awaitDone(final Duration timeout) {
        await("all mail uploaded")
                .atMost(timeout)
                .failFast("upload failed", () -> assertThat(failure.get()).isNull())
                .until(() -> uploaded.get() == mails.size());
    }

    @Override
    public void close() {
        stopped = true;
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        s3.close();
    }

    static String objectKey(final GeneratedMail mail) {
        return mail.key().startsWith(LocalDefaults.PREFIX) ? mail.key() : LocalDefaults.PREFIX + mail.key();
    }

    private void feed() {
        final long start = System.nanoTime();
        try {
            for (final GeneratedMail mail : mails) {
                LockSupport.parkNanos(start + uploaded.get() * intervalNanos - System.nanoTime());
                if (stopped) {
                    return;
                }
                final String key = objectKey(mail);
                s3.putObject(b -> b.bucket(LocalDefaults.BUCKET).key(key), RequestBody.fromBytes(mail.bytes()));
                putAt.put(key, System.currentTimeMillis());
                uploaded.incrementAndGet();
            }
        } catch (RuntimeException e) {
            failure.set(e);
        }
    }
}
