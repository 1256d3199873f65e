package io.mailroute.embedded.testconnect;

import io.mailroute.s3.S3Clients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Lists the bucket after the last emitted key and emits each new object. */
public final class S3KeysSourceTask extends SourceTask {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private S3Client client;
    private String bucket;
    private String topic;
    private Map<String, String> partition;
    private String after;

    @Override
    public void start(final Map<String, String> props) {
        bucket = props.get(S3KeysSourceConnector.BUCKET);
        topic = props.get(S3KeysSourceConnector.TOPIC);
        final AbstractConfig config = new AbstractConfig(S3KeysSourceConnector.CONFIG, props);
        client = S3Clients.create(S3KeysSourceConnector.S3.settings(config));
        partition = Map.of("bucket", bucket);
        final Map<String, Object> offset = context.offsetStorageReader().offset(partition);
        after = offset == null ? null : (String) offset.get("after");
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopped.await(100, TimeUnit.MILLISECONDS)) {
            return null;
        }
        final List<SourceRecord> records = new ArrayList<>();
        for (final S3Object object :
                client.listObjectsV2(r -> r.bucket(bucket).startAfter(after)).contents()) {
            final byte[] body;
            try {
                body = client.getObjectAsBytes(r -> r.bucket(bucket).key(object.key()))
                        .asByteArray();
            } catch (NoSuchKeyException e) {
                // S3Proxy can list an object whose upload is still being written: read it on the next poll
                break;
            }
            after = object.key();
            records.add(new SourceRecord(
                    partition,
                    Map.of("after", after),
                    topic,
                    null,
                    Schema.STRING_SCHEMA,
                    object.key(),
                    Schema.OPTIONAL_BYTES_SCHEMA,
                    body));
        }
        return records;
    }

    @Override
    public void stop() {
        stopped.countDown();
        if (client != null) {
            client.close(); // the URL connection client holds no pooled resources: safe during a poll
        }
    }

    @Override
    public String version() {
        return "1.0";
    }
}
