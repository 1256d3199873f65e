package io.mailroute.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoopbackHostsTest {

    @Test
    void shouldTellLoopbackHostHeadersWithAnyPortFromOthers() {
        assertThat(LoopbackHosts.isLoopback("localhost")).isTrue();
        assertThat(LoopbackHosts.isLoopback("LocalHost:8083")).isTrue();
        assertThat(LoopbackHosts.isLoopback("127.0.0.1:8083")).isTrue();
        assertThat(LoopbackHosts.isLoopback("[::1]:8083")).isTrue();
        assertThat(LoopbackHosts.isLoopback("evil.example")).isFalse();
        assertThat(LoopbackHosts.isLoopback("localhost.evil.example:8083")).isFalse();
        assertThat(LoopbackHosts.isLoopback("127.0.0.2")).isFalse();
        assertThat(LoopbackHosts.isLoopback(null)).isFalse();
    }

    @Test
    void shouldTakeTheHostPartOfAHostHeader() {
        assertThat(LoopbackHosts.hostName("LocalHost:8080")).isEqualTo("localhost");
        assertThat(LoopbackHosts.hostName("[::1]:8080")).isEqualTo("[::1]");
        assertThat(LoopbackHosts.hostName(" 127.0.0.1 ")).isEqualTo("127.0.0.1");
    }
}
