package io.mailroute.cli.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Uploads mail files to the bucket the S3 connector reads, in parallel, the way SES stores mail:
 * one object per mail under the prefix, with a random key (or the file name).
 */
public final class MailUploader {
    private static final char[] KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How object keys are chosen. */
    public enum KeyMode {
        /** 40 random characters, like the SMTP message ids SES uses. */
        RANDOM,
        /** The file name, so that keys are predictable. */
        FILENAME
    }

    /** One uploaded mail. */
    public record Uploaded(Path file, String key, long bytes) {}

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final KeyMode keyMode;

    public MailUploader(final S3Client s3, final String bucket, final String prefix, final KeyMode keyMode) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.keyMode = keyMode;
    }

    /** Files to upload: regular files given directly, and {@code *.eml} files found in directories. */
    public static List<Path> collect(final List<Path> paths) {
        final List<Path> files = new ArrayList<>();
        for (final Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> p.getFileName().toString().endsWith(".eml"))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + path, e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IllegalArgumentException("no such file or directory: " + path);
            }
        }
        return files;
    }

    /**
     * Uploads {@code files} with {@code parallelism} threads.
     *
     * @param progress called with the bytes of each finished upload
     */
    public List<Uploaded> upload(final List<Path> files, final int parallelism, final LongConsumer progress)
            throws InterruptedException {
        final ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            final Thread thread = new Thread(r, "mailroute-ingest");
            thread.setDaemon(true);
            return thread;
        });
        try {
            final List<Future<Uploaded>> futures = new ArrayList<>();
            for (final Path file : files) {
                futures.add(pool.submit(() -> {
                    final String key = prefix + key(file);
                    final long size = Files.size(file);
                    s3.putObject(
                            b -> b.bucket(bucket).key(key).contentType("message/rfc822"), RequestBody.fromFile(file));
                    progress.accept(size);
                    return new Uploaded(file, key, size);
                }));
            }
            final List<Uploaded> uploaded = new ArrayList<>();
            for (final Future<Uploaded> future : futures) {
                try {
                    uploaded.add(future.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException(
                            "upload failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
            return uploaded;
        } finally {
            pool.shutdownNow();
        }
    }

    private String key(final Path file) {
        if (keyMode == KeyMode.FILENAME) {
            return file.getFileName().toString();
        }
        final char[] key = new char[40];
        for (int i = 0; i < key.length; i++) {
            key[i] = KEY_ALPHABET[RANDOM.nextInt(KEY_ALPHABET.length)];
        }
        return new String(key);
    }
}
