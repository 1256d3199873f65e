package io.mailroute.connectors.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.RawRef;
import io.mailroute.connectors.webhook.WebhookDeliverer.Post;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a {@code mail.order-import} record into the JSON POSTed to {@code order.url}: the fields the
 * rule extracted (under {@code order}), the mail's identity and the reference to the original, with
 * {@code Idempotency-Key: <mailId>|<ownerId>} and the bearer token, if any.
 */
final class OrderPosts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final Optional<String> token;

    OrderPosts(final URI url, final Optional<String> token) {
        this.url = url;
        this.token = token;
    }

    Post post(final ClassifiedMail mail) {
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotency-Key", idempotencyKey(mail));
        token.ifPresent(t -> headers.put("Authorization", "Bearer " + t));
        return new Post(mail.getMailId(), mail.getOwnerId(), DeliveryChannel.ORDER_WEBHOOK, url, json(mail), headers);
    }

    /** {@code mailId|ownerId}, an absent owner as empty: the same for every attempt and every task. */
    static String idempotencyKey(final ClassifiedMail mail) {
        return mail.getMailId() + "|" + (mail.getOwnerId() == null ? "" : mail.getOwnerId());
    }

    static String json(final ClassifiedMail mail) {
        final ObjectNode root = JSON.createObjectNode();
        root.put("mailId", mail.getMailId());
        root.put("ownerId", mail.getOwnerId());
        root.put("ownerName", mail.getOwnerName());
        root.put("category", mail.getCategory());
        root.put("severity", mail.getSeverity().name());
        root.put("subject", mail.getSubject());
        root.put("from", mail.getFrom() == null ? null : mail.getFrom().getAddress());
        root.put("receivedAt", mail.getReceivedAt().toString());
        final ObjectNode order = root.putObject("order");
        new TreeMap<>(mail.getExtracted()).forEach(order::put);
        final RawRef raw = mail.getRaw();
        final ObjectNode ref = root.putObject("raw");
        ref.put("bucket", raw.getBucket());
        ref.put("key", raw.getKey());
        ref.put("versionId", raw.getVersionId());
        ref.put("sha256", raw.getSha256());
        ref.put("size", raw.getSize());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the order of " + mail.getMailId(), e);
        }
    }
}
