package io.mailroute.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema-registry client over the Confluent REST API, as also served by Apicurio's ccompat API
 * ({@code http://host/apis/ccompat/v7}) and Karapace. Ids, schemas and registrations are cached
 * for the life of the client (they never change); "latest" answers are cached for
 * {@link RegistryClientSettings#latestCacheTtl()}. Several base URLs are tried in order.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
    private static final Logger log = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> baseUrls;
    private final RegistryClientSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<String, Timed<RegisteredSchema>> latestBySubject = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, String canonical) {}

    private record Timed<T>(T value, Instant at) {}

    public RestSchemaRegistryClient(final RegistryClientSettings settings) {
        this(settings, Clock.systemUTC());
    }

    RestSchemaRegistryClient(final RegistryClientSettings settings, final Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.baseUrls = settings.urls().stream()
                .map(RestSchemaRegistryClient::withoutTrailingSlash)
                .toList();
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    private static URI withoutTrailingSlash(final String url) {
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    @Override
    public int register(final String subject, final Schema schema) {
        final SubjectSchema key = new SubjectSchema(subject, schema.toString());
        final Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        final JsonNode response = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        final int id = response.path("id").asInt();
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public RegisteredSchema lookup(final String subject, final Schema schema) {
        final JsonNode response = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        final RegisteredSchema registered = toRegistered(response, subject);
        idsBySubjectSchema.put(new SubjectSchema(subject, schema.toString()), registered.id());
        return registered;
    }

    @Override
    public Schema schemaById(final int id) {
        final Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        final JsonNode response = send("GET", "/schemas/ids/" + id, null);
        final String type = response.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException(
                    422, SchemaRegistryException.INVALID_SCHEMA, "Schema " + id + " is " + type + ", not AVRO");
        }
        final Schema schema = LocalSchemaRegistry.parse(response.path("schema").asText());
        schemasById.put(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema latest(final String subject) {
        final Timed<RegisteredSchema> cached = latestBySubject.get(subject);
        final Instant now = clock.instant();
        if (cached != null && cached.at().plus(settings.latestCacheTtl()).isAfter(now)) {
            return cached.value();
        }
        final RegisteredSchema latest =
                toRegistered(send("GET", "/subjects/" + encode(subject) + "/versions/latest", null), subject);
        latestBySubject.put(subject, new Timed<>(latest, now));
        return latest;
    }

    @Override
    public RegisteredSchema version(final String subject, final int version) {
        return toRegistered(send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null), subject);
    }

    @Override
    public List<String> subjects() {
        final List<String> subjects = new ArrayList<>();
        send("GET", "/subjects", null).forEach(n -> subjects.add(n.asText()));
        return subjects;
    }

    @Override
    public List<Integer> versions(final String subject) {
        final List<Integer> versions = new ArrayList<>();
        send("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(n -> versions.add(n.asInt()));
        return versions;
    }

    @Override
    public List<String> violations(final String subject, final Schema schema) {
        final JsonNode response;
        try {
            response = send(
                    "POST",
                    "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                    schemaBody(schema));
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                return List.of(); // older registries answer 404 for a subject with no versions yet
            }
            throw e;
        }
        if (response.path("is_compatible").asBoolean(false)) {
            return List.of();
        }
        final List<String> messages = new ArrayList<>();
        response.path("messages").forEach(message -> messages.add(message.asText()));
        return messages.isEmpty()
                ? List.of("incompatible with the latest version of " + subject)
                : List.copyOf(messages);
    }

    @Override
    public Compatibility compatibility(final String subject) {
        final String path = subject == null ? "/config" : "/config/" + encode(subject) + "?defaultToGlobal=true";
        final JsonNode response = send("GET", path, null);
        return Compatibility.parse(
                response.has("compatibilityLevel")
                        ? response.get("compatibilityLevel").asText()
                        : response.path("compatibility").asText());
    }

    @Override
    public void setCompatibility(final String subject, final Compatibility compatibility) {
        final String path = subject == null ? "/config" : "/config/" + encode(subject);
        send("PUT", path, JSON.createObjectNode().put("compatibility", compatibility.name()));
    }

    private static ObjectNode schemaBody(final Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString());
    }

    private static RegisteredSchema toRegistered(final JsonNode node, final String subject) {
        return new RegisteredSchema(
                node.path("subject").asText(subject),
                node.path("id").asInt(),
                node.path("version").asInt(),
                LocalSchemaRegistry.parse(node.path("schema").asText()));
    }

    private static String encode(final String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(final String method, final String path, final JsonNode body) {
        SchemaRegistryException lastUnreachable = null;
        for (final URI base : baseUrls) {
            final HttpRequest request = request(method, URI.create(base + path), body);
            final HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                log.warn("Schema registry {} unreachable: {}", base, e.toString());
                lastUnreachable = new SchemaRegistryException("Schema registry " + base + " unreachable: " + e, e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("Interrupted while calling schema registry " + base, e);
            }
            return parseResponse(method, base + path, response);
        }
        throw lastUnreachable;
    }

    private HttpRequest request(final String method, final URI uri, final JsonNode body) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Accept", CONTENT_TYPE + ", application/json");
        settings.authorizationHeader().ifPresent(value -> builder.header("Authorization", value));
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", CONTENT_TYPE);
            builder.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private static JsonNode parseResponse(final String method, final String url, final HttpResponse<String> response) {
        final JsonNode json;
        try {
            json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException(
                    response.statusCode(),
                    -1,
                    method + " " + url + " answered " + response.statusCode() + " with a body that is not JSON");
        }
        if (response.statusCode() / 100 != 2) {
            throw new SchemaRegistryException(
                    response.statusCode(),
                    json.path("error_code").asInt(response.statusCode()),
                    json.path("message").asText("HTTP " + response.statusCode()) + " (" + method + " " + url + ")");
        }
        return json;
    }

    /** Basic-auth header value for {@code user:password}, as sent with {@code basic.auth.user.info}. */
    static String basicAuth(final String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }
}
