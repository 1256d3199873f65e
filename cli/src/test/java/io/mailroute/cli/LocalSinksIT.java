package io.mailroute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.mailroute.avro.MailStatus;
import io.mailroute.cli.local.DemoLoader;
import io.mailroute.stack.MailrouteStack;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code mailroute local --smtp-relay ... --chat-webhook ... --order-webhook ...} on the demo: the
 * notices go to the relay (an external GreenMail) and no capture server runs; the flags start the
 * webhook sinks, and the order sink posts the demo orders to a local HTTP server.
 */
class LocalSinksIT {
    private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;

    private GreenMail relay;
    private HttpServer hooks;
    private final List<String> orderAuthorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startRelayAndHooks() throws Exception {
        relay = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        relay.start();
        hooks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hooks.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/orders")) {
                orderAuthorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            }
            exchange.getRequestBody().readAllBytes();
            final byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        hooks.start();
    }

    @AfterEach
    void stopRelayAndHooks() {
        hooks.stop(0);
        relay.stop();
    }

    @Test
    void shouldSendTheNoticesToTheRelayAndRunTheWebhookSinksOfTheFlags() throws Exception {
        final String hooksUrl = "http://127.0.0.1:" + hooks.getAddress().getPort();
        final LocalCommand command = new LocalCommand();
        new CommandLine(command)
                .parseArgs(
                        "--data-dir", dataDir.toString(),
                        "--kafka-port", "0",
                        "--controller-port", "0",
                        "--schema-registry-port", "0",
                        "--s3-port", "0",
                        "--connect-port", "0",
                        "--partitions", "1",
                        "--smtp-relay", "127.0.0.1:" + relay.getSmtp().getPort(),
                        "--chat-webhook", hooksUrl + "/chat",
                        "--order-webhook", hooksUrl + "/orders",
                        "--order-webhook-token", "order-secret");

        try (MailrouteStack stack = command.stack().start()) {
            assertThat(stack.outbox()).as("no capture server with a relay").isEmpty();
            assertThat(stack.connect().connectors())
                    .contains("smtp-notify", "webhook-chat", "webhook-order")
                    .doesNotContain("helpdesk-zendesk", "helpdesk-backlog");

            final DemoLoader loader = new DemoLoader(stack.client(), stack.app().kafkaStreams(), dataDir);
            final Map<String, MailStatus> statuses =
                    loader.awaitTerminal(loader.load(step -> {}).mailIds(), FLOW_TIMEOUT);

            await().atMost(FLOW_TIMEOUT).untilAsserted(() -> {
                final List<String> relayed = mailIds(relay.getReceivedMessages());
                assertThat(relayed).isNotEmpty().allMatch(statuses::containsKey);
                assertThat(orderAuthorizations).hasSizeGreaterThanOrEqualTo(2).containsOnly("Bearer order-secret");
            });
        }
    }

    private static List<String> mailIds(final MimeMessage[] messages) throws Exception {
        final List<String> ids = new CopyOnWriteArrayList<>();
        for (final MimeMessage message : messages) {
            ids.add(message.getHeader("X-Mailroute-Mail-Id", null));
        }
        return ids;
    }
}
