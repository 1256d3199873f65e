package io.mailroute.connectors.s3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** One bucket seen through the S3 API, for setting up and inspecting what the connector reads. */
final class TestBucket {
    private final S3Client client;
    private final String name;

    TestBucket(final S3Client client, final String name) {
        this.client = client;
        this.name = name;
    }

    String name() {
        return name;
    }

    void put(final String key, final byte[] content) {
        client.putObject(b -> b.bucket(name).key(key).contentType("message/rfc822"), RequestBody.fromBytes(content));
    }

    /** Uploads an object encrypted with a customer key (SSE-C): without that key nobody can read or copy it. */
    void putEncrypted(final String key, final String content) {
        final byte[] customerKey = new byte[32];
        customerKey[0] = 7;
        final String md5;
        try {
            md5 = Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("MD5").digest(customerKey));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        client.putObject(
                b -> b.bucket(name)
                        .key(key)
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(Base64.getEncoder().encodeToString(customerKey))
                        .sseCustomerKeyMD5(md5),
                RequestBody.fromString(content, StandardCharsets.UTF_8));
    }

    void delete(final String key) {
        client.deleteObject(b -> b.bucket(name).key(key));
    }

    byte[] get(final String key) {
        return client.getObjectAsBytes(b -> b.bucket(name).key(key)).asByteArray();
    }

    HeadObjectResponse head(final String key) {
        return client.headObject(b -> b.bucket(name).key(key));
    }

    /** Every key under {@code prefix}, in listing order. */
    List<String> keys(final String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(name).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }
}
