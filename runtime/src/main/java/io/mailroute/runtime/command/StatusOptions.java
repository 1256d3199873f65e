package io.mailroute.runtime.command;

import io.mailroute.runtime.app.MailrouteApp;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.LocalDefaults;
import io.mailroute.runtime.status.StatusServer;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The status server options of the commands that run the topology ({@code run}, {@code local}). */
public final class StatusOptions {
    @Option(
            names = "--status-bind",
            paramLabel = "ADDRESS",
            defaultValue = "${env:MAILROUTE_STATUS_BIND:-127.0.0.1}",
            description =
                    "Address the status server (page, /api, /metrics) binds; anything but loopback needs --status-token "
                            + "(default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(
            names = "--status-port",
            defaultValue = "${env:MAILROUTE_STATUS_PORT:-" + LocalDefaults.STATUS_PORT + "}",
            description = "Status server port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--status-token",
            paramLabel = "TOKEN",
            defaultValue = "${env:MAILROUTE_STATUS_TOKEN}",
            description =
                    "Bearer token for state-changing calls (retry, release); required when bound beyond loopback. "
                            + "Also from MAILROUTE_STATUS_TOKEN.")
    String token;

    @Option(names = "--no-status", description = "Run without the status server.")
    boolean disabled;

    private volatile StatusServer server;

    /** The status server's settings; empty with {@code --no-status}. */
    public Optional<StatusServer.Settings> settings() {
        return disabled
                ? Optional.empty()
                : Optional.of(
                        StatusServer.Settings.local().withBinding(bind, port).withToken(token));
    }

    /** Starts the status server with {@code app}'s streams instance, before the streams start. */
    void attachTo(final MailrouteApp app, final ClientSettings clients) throws Exception {
        final Optional<StatusServer.Settings> settings = settings();
        if (settings.isEmpty()) {
            return;
        }
        app.onCreated(streams -> {
            server = StatusServer.start(settings.get(), streams, app.describe(), clients);
            return server;
        });
    }

    /** Where the status page answers, once started. */
    Optional<URI> uri() {
        final StatusServer started = server;
        return started == null ? Optional.empty() : Optional.of(started.uri());
    }
}
