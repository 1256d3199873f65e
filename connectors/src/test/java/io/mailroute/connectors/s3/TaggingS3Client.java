package io.mailroute.connectors.s3;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * An S3 client whose object-tagging calls are answered in memory, since S3Proxy implements no
 * tagging (AWS and MinIO do); every other call goes to the real client, which stays open when
 * this one is closed.
 */
final class TaggingS3Client {
    private final Map<String, List<Tag>> tags = new ConcurrentHashMap<>();
    private final S3Client client;

    TaggingS3Client(final S3Client delegate) {
        final InvocationHandler handler = (proxy, method, args) -> {
            if ("close".equals(method.getName())) {
                return null; // the delegate belongs to the fixture
            }
            if (args != null && args.length == 1 && args[0] instanceof GetObjectTaggingRequest get) {
                return GetObjectTaggingResponse.builder()
                        .tagSet(tags.getOrDefault(get.bucket() + "/" + get.key(), List.of()))
                        .build();
            }
            if (args != null && args.length == 1 && args[0] instanceof PutObjectTaggingRequest put) {
                tags.put(
                        put.bucket() + "/" + put.key(),
                        List.copyOf(put.tagging().tagSet()));
                return PutObjectTaggingResponse.builder().build();
            }
            if (method.getName().endsWith("ObjectTagging")) {
                // the builder-consumer overload: let it build the request and come back above
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        this.client = (S3Client)
                Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class}, handler);
    }

    S3Client client() {
        return client;
    }

    Map<String, String> tags(final String bucket, final String key) {
        final Map<String, String> result = new HashMap<>();
        tags.getOrDefault(bucket + "/" + key, List.of()).forEach(t -> result.put(t.key(), t.value()));
        return result;
    }
}
