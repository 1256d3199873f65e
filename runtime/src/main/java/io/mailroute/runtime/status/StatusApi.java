package io.mailroute.runtime.status;

import io.mailroute.avro.Lane;
import io.mailroute.runtime.client.WaitingMails;
import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.topology.TopologyDiagram;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The routes of the status server: the page, the REST API under {@code /api}, {@code /metrics} and the
 * probes {@code /livez} and {@code /readyz}.
 */
final class StatusApi {
    /** Prometheus text exposition format 0.0.4. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final KafkaStreams streams;
    private final StatusLookup lookup;
    private final LaneCounts lanes;
    private final LaneWatcher watcher;
    private final DeliveryIndex deliveries;
    private final DeliveryWatcher deliveryWatcher;
    private final TopicTail tail;
    private final MailTopics topics;
    private final MailActions actions;
    private final TopologyDescription topology;
    private final PrometheusMeterRegistry registry;
    private final boolean tokenRequired;
    private final int listLimit;
    private final Optional<Outbox> outbox;
    private final Health health;
    private final StaticFiles files = StaticFiles.load();

    StatusApi(
            final KafkaStreams streams,
            final StatusLookup lookup,
            final LaneCounts lanes,
            final LaneWatcher watcher,
            final DeliveryIndex deliveries,
            final DeliveryWatcher deliveryWatcher,
            final TopicTail tail,
            final MailTopics topics,
            final MailActions actions,
            final TopologyDescription topology,
            final PrometheusMeterRegistry registry,
            final boolean tokenRequired,
            final int listLimit,
            final Optional<Outbox> outbox) {
        this.streams = streams;
        this.health = new Health(streams::state);
        this.lookup = lookup;
        this.lanes = lanes;
        this.watcher = watcher;
        this.deliveries = deliveries;
        this.deliveryWatcher = deliveryWatcher;
        this.tail = tail;
        this.topics = topics;
        this.actions = actions;
        this.topology = topology;
        this.registry = registry;
        this.tokenRequired = tokenRequired;
        this.listLimit = listLimit;
        this.outbox = outbox;
    }

    Router router() {
        return new Router()
                .get("/", r -> files.get("index.html"))
                .get("/index.html", r -> files.get("index.html"))
                .get("/status.css", r -> files.get("status.css"))
                .get("/status.js", r -> files.get("status.js"))
                .get(StatusServer.METRICS_PATH, r -> ApiResponse.text(200, PROMETHEUS_TEXT, registry.scrape()))
                .get(StatusServer.LIVENESS_PATH, r -> health.live())
                .get(StatusServer.READINESS_PATH, r -> health.ready())
                .get("/api/info", r -> info())
                .get("/api/status/{mailId}", r -> status(r.param("mailId")))
                .get("/api/lanes", r -> ApiResponse.ok(lanes.snapshot(laneTopics())))
                .get("/api/recent", r -> recent())
                .get(
                        "/api/dlq",
                        r -> ApiResponse.ok(tail.latestPerKey(topics.dlq(), listLimit).stream()
                                .map(Views.DeadLetterView::of)
                                .toList()))
                .get("/api/retry", r -> ApiResponse.ok(waiting()))
                .get("/api/outbox", r -> outbox())
                .get(
                        "/api/alerts",
                        r -> ApiResponse.ok(tail.latestPerKey(topics.alerts(), listLimit).stream()
                                .map(e -> Views.AlertView.of(e.value()))
                                .toList()))
                .get(
                        "/api/topology",
                        r -> ApiResponse.ok(
                                Map.of("text", topology.toString(), "mermaid", TopologyDiagram.mermaid(topology))))
                .post("/api/dlq/{mailId}/retry", r -> ApiResponse.json(202, actions.retryDeadLetter(r.param("mailId"))))
                .post(
                        "/api/retry/{mailId}/release",
                        r -> ApiResponse.json(202, actions.releaseRetry(r.param("mailId"))));
    }

    private ApiResponse info() {
        final Map<String, Object> info = new LinkedHashMap<>();
        info.put("state", streams.state().name());
        info.put("laneWatcher", watcher.state());
        info.put("deliveryWatcher", deliveryWatcher.state());
        info.put("tokenRequired", tokenRequired);
        info.put("lanes", laneTopics());
        info.put("outbox", outbox.isPresent());
        return ApiResponse.ok(info);
    }

    private ApiResponse status(final String mailId) {
        final StatusLookup.Result result = lookup.find(mailId);
        if (result instanceof StatusLookup.Result.Found found) {
            return ApiResponse.ok(Views.StatusView.of(found.status(), deliveries.of(mailId)));
        }
        if (result instanceof StatusLookup.Result.HostedElsewhere elsewhere) {
            final String location =
                    "http://" + elsewhere.host().host() + ":" + elsewhere.host().port() + "/api/status/"
                            + URLEncoder.encode(mailId, StandardCharsets.UTF_8).replace("+", "%20");
            return ApiResponse.error(307, "hosted by " + elsewhere.host()).withHeader("Location", location);
        }
        if (result instanceof StatusLookup.Result.Unavailable unavailable) {
            return ApiResponse.error(503, unavailable.reason()).withHeader("Retry-After", "2");
        }
        return ApiResponse.error(404, "no status for " + mailId);
    }

    /** The latest retry records whose mail's current status is still RETRY_PENDING for their attempt. */
    private List<Views.RetryView> waiting() {
        return tail.latestPerKey(topics.retry(), listLimit).stream()
                .filter(e -> WaitingMails.isWaiting(
                        e.value(), lookup.currentOrNull(e.value().getMailId())))
                .map(e -> Views.RetryView.of(e.value()))
                .toList();
    }

    private ApiResponse outbox() {
        return outbox.map(captured -> ApiResponse.ok(
                        captured.mails().stream().map(Views.OutboxMail::of).toList()))
                .orElseGet(() -> ApiResponse.error(404, "no outbox: this process captures no mail"));
    }

    private ApiResponse recent() {
        final List<Views.RecentMail> recent = lanes.recent().stream()
                .limit(listLimit)
                .map(m -> Views.RecentMail.of(m, lookup.outcomeOrNull(m.mailId())))
                .toList();
        return ApiResponse.ok(recent);
    }

    private Map<Lane, String> laneTopics() {
        final Map<Lane, String> names = new LinkedHashMap<>();
        lanes.lanes().forEach(lane -> names.put(lane, topics.lane(lane).name()));
        return names;
    }
}
