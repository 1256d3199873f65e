package io.mailroute.cli;

import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.OwnerOutcome;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.TopicReader;
import io.mailroute.runtime.command.ClusterOptions;
import io.mailroute.runtime.command.CommandFailure;
import io.mailroute.runtime.command.ExitCodes;
import io.mailroute.runtime.status.Views;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.topics.MailTopics;
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
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
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
            "Shows the latest mail.status record of a mail: stage, outcome, owners, lanes, rule and times,",
            "and the latest outcome of each of its deliveries on mail.deliveries (mail, ticket, chat, order webhook).",
            "With --url the status server answers instead (GET URL/api/status/MAILID), as JSON; --output json gives the",
            "same JSON from the topics. Exit code 1 when the mail is unknown."
        })
final class StatusCommand implements Callable<Integer> {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @Mixin
    ClusterOptions cluster;

    @Parameters(paramLabel = "MAILID", description = "The mail id (S3 object key).")
    String mailId;

    @Option(names = "--url", paramLabel = "URL", description = "Status server to ask, e.g. http://localhost:8080.")
    URI url;

    @Mixin
    OutputOption output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        return url == null ? fromTopic() : fromServer();
    }

    private int fromTopic() {
        final ClientSettings settings = cluster.settings();
        try (SchemaRegistryClient registry = settings.registry()) {
            final MailTopics topics = settings.topics(registry);
            final TopicReader reader = new TopicReader(settings);
            final List<TopicReader.Entry<MailStatus>> entries =
                    reader.readAll(topics.status(), mailId::equals, READ_TIMEOUT);
            final TopicReader.Entry<MailStatus> latest = entries.isEmpty() ? null : entries.get(entries.size() - 1);
            if (latest == null || latest.value() == null) {
                throw new CommandFailure(
                        ExitCodes.FAILURE,
                        latest != null && latest.error() != null
                                ? "the status of " + mailId + " cannot be read: " + latest.error()
                                : "no status for " + mailId);
            }
            final PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                OutputOption.printJson(
                        out,
                        Views.StatusView.of(
                                latest.value(),
                                deliveries(reader, topics).stream()
                                        .map(Views.DeliveryView::of)
                                        .toList()));
                return ExitCodes.OK;
            }
            print(out, latest.value());
            try {
                printDeliveries(out, deliveries(reader, topics));
            } catch (IllegalStateException | KafkaException e) {
                // the status is shown all the same: a cluster without mail.deliveries yet, or a slow read
                out.printf("deliveries cannot be read: %s%n", TerminalText.oneLine(e.getMessage(), 200));
                out.flush();
            }
        }
        return ExitCodes.OK;
    }

    /** The latest outcome of each delivery of the mail: keys {@code mailId|ownerId|channel}. */
    private List<Delivery> deliveries(final TopicReader reader, final MailTopics topics) {
        final String prefix = mailId + "|";
        return TopicReader.latestValues(
                        reader.readAll(topics.deliveries(), key -> key != null && key.startsWith(prefix), READ_TIMEOUT))
                .values()
                .stream()
                .filter(delivery -> mailId.equals(delivery.getMailId())) // a mail id "m|x" shares the prefix "m|"
                .toList();
    }

    static void printDeliveries(final PrintWriter out, final List<Delivery> deliveries) {
        out.println(deliveries.isEmpty() ? "deliveries none" : "deliveries");
        for (final Delivery delivery : deliveries) {
            out.printf("  %-16s %s%n", TerminalText.escapeOr(delivery.getOwnerId(), "(no owner)"), describe(delivery));
        }
        out.flush();
    }

    /**
     * One delivery as a sentence, mail-derived text escaped: {@code delivered to ops@example.co.jp by
     * smtp, 250 2.0.0 OK, at 2026-12-05T10:00:00Z}, {@code retrying by smtp (attempt 2): 451 ..., at ...},
     * {@code failed by smtp: no recipients, at ...}.
     */
    static String describe(final Delivery delivery) {
        final String channel =
                delivery.getChannel().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        final String detail = delivery.getDetail() == null ? null : TerminalText.oneLine(delivery.getDetail(), 200);
        final StringBuilder line = new StringBuilder();
        if (delivery.getOutcome() == DeliveryOutcome.DELIVERED) {
            line.append("delivered");
            if (!delivery.getRecipients().isEmpty()) {
                line.append(" to ").append(TerminalText.oneLine(String.join(", ", delivery.getRecipients()), 200));
            }
            line.append(" by ").append(channel);
            if (detail != null) {
                line.append(", ").append(detail);
            }
        } else {
            line.append(delivery.getOutcome() == DeliveryOutcome.RETRYING ? "retrying" : "failed")
                    .append(" by ")
                    .append(channel);
            if (delivery.getAttempt() > 1) {
                line.append(" (attempt ").append(delivery.getAttempt()).append(')');
            }
            if (detail != null) {
                line.append(": ").append(detail);
            }
        }
        return line.append(", at ").append(delivery.getAt()).toString();
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
