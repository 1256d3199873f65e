package io.mailroute.connectors.s3;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Walks the prefix page by page in listing passes, keeping the objects this task owns. The
 * position inside a pass (the continuation token) only advances after a page was listed, so a
 * failed listing is simply repeated. Keys are random, so an object that arrives behind the
 * position is found by the next pass.
 */
final class ObjectScanner {
    private final S3Objects s3;
    private final String bucket;
    private final String prefix;
    private final Optional<Pattern> keyPattern;
    private final KeyHashAssignment assignment;
    private final int pageSize;
    private boolean inPass;
    private String continuationToken;

    ObjectScanner(final S3Objects s3, final S3MailSourceConfig config, final KeyHashAssignment assignment) {
        this.s3 = s3;
        this.bucket = config.bucket();
        this.prefix = config.prefix();
        this.keyPattern = config.keyPattern();
        this.assignment = assignment;
        this.pageSize = config.listPageSize();
    }

    boolean inPass() {
        return inPass;
    }

    void startPass() {
        inPass = true;
        continuationToken = null;
    }

    /** The owned objects of the next page; the pass ends with its last page. */
    List<ObjectVersion> nextPage() {
        final S3Objects.Page page = s3.list(bucket, prefix, continuationToken, pageSize);
        continuationToken = page.nextToken();
        inPass = continuationToken != null;
        return page.objects().stream().filter(this::wanted).toList();
    }

    private boolean wanted(final ObjectVersion object) {
        final String key = object.key();
        return !key.endsWith("/")
                && keyPattern.map(p -> p.matcher(key).matches()).orElse(true)
                && assignment.owns(key);
    }
}
