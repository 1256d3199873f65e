package io.mailroute.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    private static final String TOKEN = "s3cr3t-token";

    private static InetAddress address(final String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    private static ApiRequest request(final String method, final String host, final String... headerPairs) {
        final Map<String, String> headers = new HashMap<>();
        headers.put("host", host);
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        return ApiRequest.of(method, "/api/dlq/m-1/retry", headers);
    }

    @Test
    void shouldRefuseToBindANonLoopbackAddressWithoutAToken() {
        assertThatThrownBy(() -> AccessPolicy.forBinding(address("0.0.0.0"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.0.0.0")
                .hasMessageContaining("token");
        assertThatThrownBy(() -> AccessPolicy.forBinding(address("0.0.0.0"), "  "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldLetPostsThroughOnLoopbackWithoutAToken() throws Exception {
        // given
        final AccessPolicy policy = AccessPolicy.forBinding(address("127.0.0.1"), null);

        // then
        assertThat(policy.tokenRequired()).isFalse();
        assertThat(policy.refusal(request("POST", "127.0.0.1:8080"))).isEmpty();
        assertThat(policy.refusal(request("POST", "localhost:8080"))).isEmpty();
    }

    @Test
    void shouldKeepGetsOpenWhenBoundToAllAddresses() throws Exception {
        // given
        final AccessPolicy policy = AccessPolicy.forBinding(address("0.0.0.0"), TOKEN);

        // then
        assertThat(policy.refusal(request("GET", "status.example.com:8080"))).isEmpty();
    }

    @Test
    void shouldRequireTheBearerTokenForPostsWhenBoundToAllAddresses() throws Exception {
        // given
        final AccessPolicy policy = AccessPolicy.forBinding(address("0.0.0.0"), TOKEN);

        // then
        assertThat(policy.refusal(request("POST", "10.0.0.5:8080"))).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.headers()).containsKey("WWW-Authenticate");
            assertThat(r.bodyText()).doesNotContain(TOKEN);
        });
        assertThat(policy.refusal(request("POST", "10.0.0.5:8080", "authorization", "Bearer wrong")))
                .isPresent();
        assertThat(policy.refusal(request("POST", "10.0.0.5:8080", "authorization", "Basic " + TOKEN)))
                .isPresent();
        assertThat(policy.refusal(request("POST", "10.0.0.5:8080", "authorization", "Bearer " + TOKEN)))
                .isEmpty();
        assertThat(policy.refusal(request("POST", "10.0.0.5:8080", "authorization", "bearer " + TOKEN)))
                .isEmpty();
    }

    @Test
    void shouldRequireAConfiguredTokenOnLoopbackToo() throws Exception {
        // given
        final AccessPolicy policy = AccessPolicy.forBinding(address("127.0.0.1"), TOKEN);

        // then
        assertThat(policy.tokenRequired()).isTrue();
        assertThat(policy.refusal(request("POST", "127.0.0.1:8080")))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(401));
    }

    @Test
    void shouldRefuseCrossOriginPostsFromBrowsers() throws Exception {
        // given
        final AccessPolicy policy = AccessPolicy.forBinding(address("127.0.0.1"), null);

        // then
        assertThat(policy.refusal(request("POST", "127.0.0.1:8080", "origin", "https://evil.example")))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(403));
        assertThat(policy.refusal(request("POST", "127.0.0.1:8080", "origin", "null")))
                .isPresent();
        assertThat(policy.refusal(request("POST", "127.0.0.1:8080", "origin", "http://127.0.0.1:8080")))
                .isEmpty();
    }

    @Test
    void shouldRefuseNonLoopbackHostNamesOnALoopbackServer() throws Exception {
        // given: a page on a rebound DNS name reaching 127.0.0.1
        final AccessPolicy policy = AccessPolicy.forBinding(address("127.0.0.1"), null);

        // then
        assertThat(policy.refusal(request("GET", "rebound.example:8080")))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(403));
        assertThat(policy.refusal(request("GET", "[::1]:8080"))).isEmpty();
    }
}
