package io.mailroute.connectors.s3;

import io.mailroute.s3.S3Clients;
import io.mailroute.s3.S3Failure;
import io.mailroute.s3.S3Settings;
import io.mailroute.s3.SqsClients;
import io.mailroute.s3.SqsSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The S3 calls the connector makes besides reading mail (listing, copying, deleting, tagging,
 * sidecars), each translating SDK exceptions into a classified {@link S3Failure}. The SDK retries
 * throttling, 5xx and network errors itself ({@code s3.max.attempts}); what still fails reaches the
 * caller classified. Mail is read through the claim-check contract ({@link io.mailroute.s3.ClaimChecks}).
 */
final class S3Objects implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(S3Objects.class);

    /** One page of a listing and the token of the next one (null after the last page). */
    record Page(List<ObjectVersion> objects, String nextToken) {}

    /** Where a copy landed. */
    record Copy(ObjectRef ref, String etag, String versionId) {}

    /** The most keys one DeleteObjects request takes. */
    static final int MAX_BATCH_DELETE = 1_000;

    private final S3Client client;
    private volatile boolean conditionalDeletes = true;
    private volatile boolean batchDeletes = true;

    S3Objects(final S3Client client) {
        this.client = client;
    }

    /** A client for the configured {@code s3.*} keys, in the role {@code s3.sts.role.arn} names when one is set. */
    static S3Client client(final S3MailSourceConfig config) {
        final S3Settings s3 = config.s3();
        return S3Clients.builder(s3)
                .credentialsProvider(S3MailSourceConfig.S3_ROLE.wrap(
                        config, S3Clients.credentialsProvider(s3), Region.of(s3.region())))
                .build();
    }

    /** A client of the notifications queue, as whom the S3 client calls ({@link #client}). */
    static SqsClient sqsClient(final S3MailSourceConfig config) {
        final SqsSettings sqs = config.sqs();
        return SqsClients.builder(sqs)
                .credentialsProvider(S3MailSourceConfig.S3_ROLE.wrap(
                        config, SqsClients.credentialsProvider(sqs), Region.of(sqs.region())))
                .build();
    }

    /** Checks that the bucket exists and the credentials may use it. */
    void checkBucket(final String bucket) {
        S3Failure.call("HEAD s3://" + bucket, () -> client.headBucket(b -> b.bucket(bucket)));
    }

    Page list(final String bucket, final String prefix, final String continuationToken, final int maxKeys) {
        final ListObjectsV2Response response = S3Failure.call(
                "LIST s3://" + bucket + "/" + prefix,
                () -> client.listObjectsV2(
                        b -> b.bucket(bucket).prefix(prefix).maxKeys(maxKeys).continuationToken(continuationToken)));
        final List<ObjectVersion> objects = new ArrayList<>(response.contents().size());
        for (final S3Object object : response.contents()) {
            objects.add(ObjectVersion.listed(
                    object.key(), object.eTag(), object.lastModified(), object.size() == null ? 0L : object.size()));
        }
        return new Page(objects, Boolean.TRUE.equals(response.isTruncated()) ? response.nextContinuationToken() : null);
    }

    /** The current version of one object, as a listing would show it; NOT_FOUND when it is gone. */
    ObjectVersion head(final ObjectRef ref) {
        final HeadObjectResponse head = S3Failure.call(
                "HEAD " + ref,
                () -> client.headObject(b -> b.bucket(ref.bucket()).key(ref.key())));
        return ObjectVersion.listed(
                ref.key(), head.eTag(), head.lastModified(), head.contentLength() == null ? 0L : head.contentLength());
    }

    /**
     * Copies exactly {@code version} of {@code from} (the copy fails with {@link S3Failure.Kind#CHANGED}
     * if the object was replaced meanwhile) to {@code to}, replacing the user metadata with
     * {@code metadata} when it is not null.
     */
    Copy copy(
            final ObjectRef from, final ObjectVersion version, final ObjectRef to, final Map<String, String> metadata) {
        final CopyObjectResponse response = S3Failure.call(
                "COPY " + from + " to " + to,
                () -> client.copyObject(b -> {
                    b.sourceBucket(from.bucket())
                            .sourceKey(from.key())
                            .sourceVersionId(version.versionId())
                            .copySourceIfMatch(quoted(version.etag()))
                            .destinationBucket(to.bucket())
                            .destinationKey(to.key());
                    if (metadata != null) {
                        b.metadataDirective(MetadataDirective.REPLACE).metadata(metadata);
                    }
                }));
        final String etag = response.copyObjectResult() == null
                ? version.etag()
                : response.copyObjectResult().eTag();
        return new Copy(to, ObjectVersion.normalizeEtag(etag), response.versionId());
    }

    /**
     * Deletes the object if it is still the upload with {@code etag} (If-Match); a store without
     * conditional deletes gets a plain delete. A missing object counts as deleted.
     */
    void delete(final ObjectRef ref, final String etag) {
        try {
            if (conditionalDeletes) {
                S3Failure.call(
                        "DELETE " + ref,
                        () -> client.deleteObject(
                                b -> b.bucket(ref.bucket()).key(ref.key()).ifMatch(quoted(etag))));
                return;
            }
        } catch (S3Failure e) {
            if (e.kind() == S3Failure.Kind.NOT_FOUND) {
                return;
            }
            if (!"NotImplemented".equals(e.errorCode())) {
                throw e;
            }
            conditionalDeletes = false;
            log.warn("The S3 endpoint does not support conditional deletes; deleting without If-Match from now on");
        }
        try {
            S3Failure.call(
                    "DELETE " + ref,
                    () -> client.deleteObject(b -> b.bucket(ref.bucket()).key(ref.key())));
        } catch (S3Failure e) {
            if (e.kind() != S3Failure.Kind.NOT_FOUND) {
                throw e;
            }
        }
    }

    /**
     * Deletes up to {@link #MAX_BATCH_DELETE} objects of one bucket in one request, each only if it
     * is still the upload with its ETag; returns the keys that were not deleted, with their failure
     * (a missing object counts as deleted). A store without batch deletes gets one delete per key.
     */
    Map<String, S3Failure> deleteAll(final String bucket, final Map<String, String> etagByKey) {
        if (!batchDeletes) {
            return deleteEach(bucket, etagByKey);
        }
        final List<ObjectIdentifier> objects = new ArrayList<>(etagByKey.size());
        etagByKey.forEach((key, etag) -> objects.add(
                conditionalDeletes
                        ? ObjectIdentifier.builder().key(key).eTag(quoted(etag)).build()
                        : ObjectIdentifier.builder().key(key).build()));
        final DeleteObjectsResponse response;
        try {
            response = S3Failure.call(
                    "DELETE " + objects.size() + " objects in s3://" + bucket,
                    () -> client.deleteObjects(
                            b -> b.bucket(bucket).delete(d -> d.quiet(true).objects(objects))));
        } catch (S3Failure e) {
            if (!"NotImplemented".equals(e.errorCode())) {
                throw e;
            }
            batchDeletes = false;
            log.warn("The S3 endpoint does not support batch deletes; deleting one object per request from now on");
            return deleteEach(bucket, etagByKey);
        }
        final Map<String, S3Failure> failures = new HashMap<>();
        final Map<String, String> unsupported = new HashMap<>();
        for (final S3Error error : response.errors()) {
            if ("NotImplemented".equals(error.code())) {
                unsupported.put(error.key(), etagByKey.get(error.key()));
                continue;
            }
            final S3Failure failure =
                    S3Failure.ofErrorCode("DELETE s3://" + bucket + "/" + error.key(), error.code(), error.message());
            if (failure.kind() != S3Failure.Kind.NOT_FOUND) {
                failures.put(error.key(), failure);
            }
        }
        // a store may refuse the ETag condition per object; the single delete finds out and drops it
        failures.putAll(deleteEach(bucket, unsupported));
        return failures;
    }

    private Map<String, S3Failure> deleteEach(final String bucket, final Map<String, String> etagByKey) {
        final Map<String, S3Failure> failures = new HashMap<>();
        etagByKey.forEach((key, etag) -> {
            try {
                delete(new ObjectRef(bucket, key), etag);
            } catch (S3Failure e) {
                failures.put(key, e);
            }
        });
        return failures;
    }

    /** Adds (or replaces) one tag on a version, keeping the object's other tags. */
    void tag(final ObjectRef ref, final String versionId, final String key, final String value) {
        final List<Tag> tags = new ArrayList<>(S3Failure.call(
                        "GET tagging " + ref,
                        () -> client.getObjectTagging(
                                b -> b.bucket(ref.bucket()).key(ref.key()).versionId(versionId)))
                .tagSet());
        tags.removeIf(t -> t.key().equals(key));
        tags.add(Tag.builder().key(key).value(value).build());
        S3Failure.call(
                "PUT tagging " + ref,
                () -> client.putObjectTagging(b -> b.bucket(ref.bucket())
                        .key(ref.key())
                        .versionId(versionId)
                        .tagging(Tagging.builder().tagSet(tags).build())));
    }

    /** Writes a small object (a sidecar). */
    void put(final ObjectRef ref, final String contentType, final byte[] body) {
        S3Failure.call(
                "PUT " + ref,
                () -> client.putObject(
                        b -> b.bucket(ref.bucket()).key(ref.key()).contentType(contentType),
                        RequestBody.fromBytes(body)));
    }

    private static String quoted(final String etag) {
        return "\"" + etag + "\"";
    }

    @Override
    public void close() {
        client.close();
    }
}
