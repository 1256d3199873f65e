package io.mailroute.connectors.s3;

import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/** A store that answers the next listings, reads or deletes with 503 Slow Down, as S3 does when throttling. */
final class FaultyBlobStore extends ForwardingBlobStore {
    private final AtomicInteger failingLists = new AtomicInteger();
    private final AtomicInteger failingGets = new AtomicInteger();
    private final AtomicInteger failingDeletes = new AtomicInteger();

    FaultyBlobStore(final BlobStore delegate) {
        super(delegate);
    }

    void failNextLists(final int count) {
        failingLists.set(count);
    }

    void failNextGets(final int count) {
        failingGets.set(count);
    }

    void failNextDeletes(final int count) {
        failingDeletes.set(count);
    }

    @Override
    public DeleteObjectResponse removeBlob(final DeleteObjectRequest request) {
        if (failingDeletes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw S3Exceptions.fromStatusCode(503);
        }
        return super.removeBlob(request);
    }

    @Override
    public ListObjectsV2Response list(final ListObjectsV2Request request) {
        if (failingLists.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw S3Exceptions.fromStatusCode(503);
        }
        return super.list(request);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(final GetObjectRequest request) {
        if (failingGets.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw S3Exceptions.fromStatusCode(503);
        }
        return super.getBlob(request);
    }
}
