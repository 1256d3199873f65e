package io.mailroute.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpEndpointTest {
    private final AtomicInteger calls = new AtomicInteger();
    private final BoundedExecutor executor = new BoundedExecutor(1, 1, Duration.ofSeconds(5));
    private final Router router = new Router()
            .get("/api/missing", r -> {
                throw new ApiException(404, "no status for m-1");
            })
            .get("/api/broken", r -> {
                throw new IllegalStateException("store closed");
            })
            .get("/api/away", r -> {
                throw new TimeoutException("Timeout expired while fetching topic metadata");
            })
            .post("/api/dlq/{mailId}/retry", r -> {
                calls.incrementAndGet();
                return ApiResponse.json(202, Map.of("mailId", r.param("mailId")));
            });

    @AfterEach
    void stopExecutor() {
        executor.close();
    }

    private HttpEndpoint endpoint(final String bind, final String token) throws Exception {
        return new HttpEndpoint(router, AccessPolicy.forBinding(InetAddress.getByName(bind), token), executor);
    }

    private static ApiRequest request(final String method, final String path, final String... headerPairs) {
        final Map<String, String> headers = new HashMap<>(Map.of("host", "127.0.0.1:8080"));
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        return ApiRequest.of(method, path, headers);
    }

    @Test
    void shouldTurnAnApiExceptionIntoItsStatusWithAJsonError() throws Exception {
        // when
        final ApiResponse response = endpoint("127.0.0.1", null).answer(request("GET", "/api/missing"));

        // then
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"no status for m-1\"}");
    }

    @Test
    void shouldAnswer500WithAOneLineErrorForAnUnexpectedFailure() throws Exception {
        // when
        final ApiResponse response = endpoint("127.0.0.1", null).answer(request("GET", "/api/broken"));

        // then
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"IllegalStateException: store closed\"}");
    }

    @Test
    void shouldAnswer503WhenKafkaIsUnreachable() throws Exception {
        // when
        final ApiResponse response = endpoint("127.0.0.1", null).answer(request("GET", "/api/away"));

        // then
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsKey("Retry-After");
        assertThat(response.bodyText()).contains("Kafka is not reachable right now");
    }

    @Test
    void shouldNotRunARefusedPost() throws Exception {
        // when
        final ApiResponse response = endpoint("0.0.0.0", "t0ken").answer(request("POST", "/api/dlq/m-1/retry"));

        // then
        assertThat(response.status()).isEqualTo(401);
        assertThat(calls).hasValue(0);
    }

    @Test
    void shouldRunAPostCarryingTheToken() throws Exception {
        // when
        final ApiResponse response = endpoint("0.0.0.0", "t0ken")
                .answer(request("POST", "/api/dlq/m-1/retry", "authorization", "Bearer t0ken"));

        // then
        assertThat(response.status()).isEqualTo(202);
        assertThat(calls).hasValue(1);
    }
}
