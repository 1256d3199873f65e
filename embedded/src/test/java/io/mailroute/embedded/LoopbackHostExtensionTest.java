package io.mailroute.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.loopback.LoopbackHosts;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoopbackHostExtensionTest {

    @Test
    void shouldAllowTheListenersHostBesideTheLoopbackNames() {
        assertThat(LoopbackHostExtension.allowedHosts(Map.of("listeners", "http://192.0.2.10:8083")))
                .containsExactlyInAnyOrder("localhost", "127.0.0.1", "[::1]", "::1", "192.0.2.10");
        assertThat(LoopbackHostExtension.allowedHosts(Map.of())).isEqualTo(LoopbackHosts.NAMES);
    }
}
