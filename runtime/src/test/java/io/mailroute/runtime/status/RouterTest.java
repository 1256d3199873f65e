package io.mailroute.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final Router router = new Router()
            .get("/api/status/{mailId}", r -> ApiResponse.ok(Map.of("mailId", r.param("mailId"))))
            .post("/api/dlq/{mailId}/retry", r -> ApiResponse.json(202, Map.of("retried", r.param("mailId"))))
            .get("/api/lanes", r -> ApiResponse.ok(Map.of("lanes", 4)));

    private static ApiRequest request(final String method, final String path) {
        return ApiRequest.of(method, path, Map.of());
    }

    @Test
    void shouldPassAPercentDecodedMailIdWithSlashesToTheHandler() throws Exception {
        // when
        final ApiResponse response = router.route(request("GET", "/api/status/incoming%2F0100018f%2Babc%40ses"));

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"mailId\":\"incoming/0100018f+abc@ses\"}");
    }

    @Test
    void shouldKeepAPlusInAPathSegmentAsAPlus() {
        assertThat(Router.decode("a+b%20c")).isEqualTo("a+b c");
    }

    @Test
    void shouldAnswer404AsJsonForAnUnknownPath() throws Exception {
        // when
        final ApiResponse response = router.route(request("GET", "/api/status/m-1/extra"));

        // then
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo(ApiResponse.JSON);
        assertThat(response.bodyText()).contains("\"error\":\"no such resource: /api/status/m-1/extra\"");
    }

    @Test
    void shouldAnswer405WithAllowWhenThePathExistsForAnotherMethod() throws Exception {
        // when
        final ApiResponse response = router.route(request("GET", "/api/dlq/m-1/retry"));

        // then
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers()).containsEntry("Allow", "POST");
    }

    @Test
    void shouldRouteHeadLikeGet() throws Exception {
        assertThat(router.route(request("HEAD", "/api/lanes")).status()).isEqualTo(200);
    }

    @Test
    void shouldRouteAPostWithItsParameter() throws Exception {
        // when
        final ApiResponse response = router.route(request("POST", "/api/dlq/junk-1/retry"));

        // then
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.bodyText()).isEqualTo("{\"retried\":\"junk-1\"}");
    }

    @Test
    void shouldRejectAMalformedPercentEscape() {
        assertThatThrownBy(() -> router.route(request("GET", "/api/status/bad%zz")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
