package io.mailroute.cli;

import io.mailroute.avro.AccountMapping;
import io.mailroute.cli.accounts.AccountsFile;
import io.mailroute.cli.accounts.AccountsFileReader;
import io.mailroute.cli.accounts.AccountsImport;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.TopicPublisher;
import io.mailroute.runtime.client.TopicReader;
import io.mailroute.runtime.command.ClusterOptions;
import io.mailroute.runtime.command.CommandFailure;
import io.mailroute.runtime.command.ExitCodes;
import io.mailroute.runtime.command.KafkaErrors;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.topics.Topic;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailroute accounts import}: publish account to address mappings to mail.accounts. */
@Command(
        name = "accounts",
        description = "Account to address mappings on mail.accounts.",
        subcommands = {AccountsCommand.Import.class})
public final class AccountsCommand {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Publishes mappings from the JSON of 'aws organizations list-accounts' or CSV accountId,email,name,status.",
                "ACTIVE rows become mappings, other statuses tombstones. Rejected rows are reported as file:line: reason;",
                "the rest is still imported and the exit code is 3."
            })
    static final class Import implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Parameters(paramLabel = "FILE", description = "Accounts file (JSON or CSV).")
        Path file;

        @Option(
                names = "--source",
                paramLabel = "NAME",
                description =
                        "Source recorded in each mapping and used by --prune (default: import-json or import-csv by file type).")
        String source;

        @Option(
                names = "--prune",
                description =
                        "Tombstone accounts of the same source that mail.accounts maps but the file no longer lists "
                                + "(skipped when any row is rejected).")
        boolean prune;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            final AccountsFile accounts = read(file);
            final PrintWriter err = spec.commandLine().getErr();
            accounts.problems().forEach(problem -> err.println("mailroute: " + problem));
            final String recordedSource = source != null ? source : defaultSource(accounts);
            final ClientSettings settings = cluster.settings();
            try (SchemaRegistryClient registry = settings.registry();
                    TopicPublisher publisher = new TopicPublisher(settings)) {
                final Topic<String, AccountMapping> topic =
                        settings.topics(registry).accounts();
                final AccountsImport plan = AccountsImport.plan(
                        accounts,
                        recordedSource,
                        prune ? new TopicReader(settings).readAll(topic, key -> true, READ_TIMEOUT) : List.of());
                plan.upserts().forEach((id, mapping) -> publisher.send(topic, id, mapping));
                plan.removals().forEach(id -> publisher.send(topic, id, null));
                plan.pruned().forEach(id -> publisher.send(topic, id, null));
                publisher.awaitAcks();
                if (prune && !accounts.problems().isEmpty()) {
                    err.println(
                            "mailroute: --prune skipped: " + accounts.problems().size()
                                    + " rows were rejected, and an unreadable row may name an account that is still mapped");
                }
                spec.commandLine()
                        .getOut()
                        .printf(
                                "%s: %d mappings, %d tombstones (not ACTIVE), %d pruned, %d rows rejected; source %s on %s%n",
                                file.getFileName(),
                                plan.upserts().size(),
                                plan.removals().size(),
                                plan.pruned().size(),
                                accounts.problems().size(),
                                recordedSource,
                                topic.name());
            } catch (ExecutionException e) {
                throw KafkaErrors.toFailure(settings.bootstrapServers(), e);
            }
            return accounts.problems().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
        }

        /** The reader's source name (import-json or import-csv), from the file name when no row could be read. */
        private String defaultSource(final AccountsFile accounts) {
            if (!accounts.mappings().isEmpty()) {
                return accounts.mappings().get(0).getSource();
            }
            return file.getFileName().toString().endsWith(".json") ? "import-json" : "import-csv";
        }

        private static AccountsFile read(final Path file) {
            try {
                return AccountsFileReader.read(file, Instant.now());
            } catch (NoSuchFileException e) {
                throw new CommandFailure(ExitCodes.FAILURE, "no such accounts file: " + file);
            } catch (IOException e) {
                throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
            }
        }
    }
}
