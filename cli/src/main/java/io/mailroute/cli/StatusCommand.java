package io.mailroute.cli;

import io.mailroute.avro.MailStatus;
import io.mailroute.avro.OwnerOutcome;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.TopicReader;
import io.mailroute.runtime.command.ClusterOptions;
import io.mailroute.runtime.command.CommandFailure;
import io.mailroute.runtime.command.ExitCodes;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailroute status MAILID}: where a mail is and how it ended. Exit 1 when the mail is unknown. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Shows the latest mail.status record of a mail: stage, outcome, owners, lanes, rule and times.",
            "With --url the status server answers instead (GET URL/api/status/MAILID). Exit code 1 when the mail is unknown."
        })
final class StatusCommand implements Callable<Integer> {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @Mixin
    ClusterOptions cluster;

    @Parameters(paramLabel = "MAILID", description = "The mail id (S3 object key).")
    String mailId;

    @Option(names = "--url", paramLabel = "URL", description = "Status server to ask, e.g. http://localhost:8080.")
    URI url;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        return url == null ? fromTopic() : fromServer();
    }

    private int fromTopic() {
        final ClientSettings settings = cluster.settings();
        try (SchemaRegistryClient registry = settings.registry()) {
            final List<TopicReader.Entry<MailStatus>> entries =
                    new TopicReader(settings).readAll(settings.topics(registry).status(), mailId::equals, READ_TIMEOUT);
            final TopicReader.Entry<MailStatus> latest = entries.isEmpty() ? null : entries.get(entries.size() - 1);
            if (latest == null || latest.value() == null) {
                throw new CommandFailure(
                        ExitCodes.FAILURE,
                        latest != null && latest.error() != null
                                ? "the status of " + mailId + " cannot be read: " + latest.error()
                                : "no status for " + mailId);
            }
            print(spec.commandLine().getOut(), latest.value());
        }
        return ExitCodes.OK;
    }

    private int fromServer() throws IOException, InterruptedException {
        final URI target = URI.create(url.toString().replaceAll("/+$", "") + "/api/status/"
                + URLEncoder.encode(mailId, StandardCharsets.UTF_8).replace("+", "%20"));
        final HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build()
                    .send(
                            HttpRequest.newBuilder(target)
                                    .timeout(Duration.ofSeconds(30))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CommandFailure(
                    ExitCodes.UNREACHABLE, "status server at " + url + " did not answer: " + e.getMessage(), e);
        }
        if (response.statusCode() == 404) {
            throw new CommandFailure(ExitCodes.FAILURE, "no status for " + mailId);
        }
        if (response.statusCode() != 200) {
            throw new CommandFailure(
                    ExitCodes.FAILURE, "status server answered HTTP " + response.statusCode() + " for " + target);
        }
        // the server's JSON escapes only C0 controls; the rest is escaped here (still valid JSON)
        spec.commandLine().getOut().println(TerminalText.escape(response.body()));
        return ExitCodes.OK;
    }

    static void print(final PrintWriter out, final MailStatus status) {
        out.printf("mail       %s%n", TerminalText.escape(status.getMailId()));
        out.printf("stage      %s%n", status.getStage());
        out.printf("outcome    %s%n", status.getOutcome());
        out.printf("attempt    %d%n", status.getAttempt());
        out.printf("rules      %s%n", TerminalText.escapeOr(status.getRulesVersion(), "-"));
        out.printf("from       %s%n", TerminalText.escapeOr(status.getFrom(), "-"));
        out.printf(
                "subject    %s%n", status.getSubject() == null ? "-" : TerminalText.oneLine(status.getSubject(), 120));
        out.printf("received   %s%n", status.getReceivedAt());
        out.printf("updated    %s%n", status.getUpdatedAt());
        out.printf("owners     %s%n", status.getOwners().isEmpty() ? "none" : "");
        for (final OwnerOutcome owner : status.getOwners()) {
            out.printf(
                    "  %-16s %-14s lanes=%s rule=%s category=%s%s%n",
                    TerminalText.escapeOr(owner.getOwnerId(), "(no owner)"),
                    owner.getOutcome(),
                    owner.getLanes(),
                    TerminalText.escapeOr(owner.getRuleId(), "-"),
                    TerminalText.escapeOr(owner.getCategory(), "-"),
                    owner.getDetail() == null ? "" : " detail=" + TerminalText.oneLine(owner.getDetail(), 120));
        }
        out.flush();
    }
}
