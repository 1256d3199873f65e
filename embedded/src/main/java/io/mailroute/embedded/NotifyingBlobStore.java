package io.mailroute.embedded;

import java.io.InputStream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A store that tells a listener of every object it stored (S3Proxy has no event notifications):
 * after a PUT, a copy or a completed multipart upload succeeded, as S3 sends ObjectCreated events.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {
    private final ObjectCreatedListener listener;

    NotifyingBlobStore(final BlobStore delegate, final ObjectCreatedListener listener) {
        super(delegate);
        this.listener = listener;
    }

    @Override
    public PutObjectResponse putBlob(final PutObjectRequest request, final InputStream content) {
        final PutObjectResponse response = super.putBlob(request, content);
        created("Put", request.bucket(), request.key());
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(final CopyObjectRequest request) {
        final CopyObjectResponse response = super.copyBlob(request);
        created("Copy", request.destinationBucket(), request.destinationKey());
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(
            final MultipartUpload upload, final CompleteMultipartUploadRequest request) {
        final CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        created("CompleteMultipartUpload", upload.containerName(), upload.blobName());
        return response;
    }

    /** Reads size and ETag back from the store: a streamed PUT does not always announce its length. */
    private void created(final String eventName, final String bucket, final String key) {
        final HeadObjectResponse stored = delegate().blobMetadataIfPresent(bucket, key);
        if (stored != null) {
            final String etag = stored.eTag() == null ? "" : stored.eTag().replace("\"", "");
            listener.objectCreated(
                    eventName, bucket, key, stored.contentLength() == null ? 0L : stored.contentLength(), etag);
        }
    }
}
