package io.mailroute.cli;

import io.mailroute.avro.OwnerContacts;
import io.mailroute.cli.contacts.ContactsFile;
import io.mailroute.cli.contacts.ContactsFileReader;
import io.mailroute.cli.contacts.ContactsImport;
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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailroute contacts import}: publish who receives each owner's notices to mail.contacts. */
@Command(
        name = "contacts",
        description = "Who receives each owner's notices, on mail.contacts.",
        subcommands = {ContactsCommand.Import.class})
public final class ContactsCommand {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Publishes owners' contacts from CSV ownerId,recipients,locale[,name]: recipients separated by ';',",
                "locale a BCP 47 language tag (ja, en, en-US). Rejected rows are reported as file:line: reason;",
                "the rest is still imported and the exit code is 3."
            })
    static final class Import implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Parameters(paramLabel = "FILE", description = "Contacts file (CSV).")
        Path file;

        @Option(
                names = "--prune",
                description = "Tombstone the contacts of owners that mail.contacts has but the file no longer lists "
                        + "(skipped when any row is rejected).")
        boolean prune;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            final ContactsFile contacts = read(file);
            final PrintWriter err = spec.commandLine().getErr();
            contacts.problems().forEach(problem -> err.println("mailroute: " + problem));
            final ClientSettings settings = cluster.settings();
            try (SchemaRegistryClient registry = settings.registry();
                    TopicPublisher publisher = new TopicPublisher(settings)) {
                final Topic<String, OwnerContacts> topic =
                        settings.topics(registry).contacts();
                final ContactsImport plan = ContactsImport.plan(
                        contacts,
                        prune && contacts.problems().isEmpty()
                                ? new TopicReader(settings).readAll(topic, key -> true, READ_TIMEOUT)
                                : List.of());
                plan.upserts().forEach((id, owner) -> publisher.send(topic, id, owner));
                plan.pruned().forEach(id -> publisher.send(topic, id, null));
                publisher.awaitAcks();
                if (prune && !contacts.problems().isEmpty()) {
                    err.println(
                            "mailroute: --prune skipped: " + contacts.problems().size()
                                    + " rows were rejected, and an unreadable row may name an owner that still has contacts");
                }
                spec.commandLine()
                        .getOut()
                        .printf(
                                "%s: %d owners' contacts, %d pruned, %d rows rejected; on %s%n",
                                file.getFileName(),
                                plan.upserts().size(),
                                plan.pruned().size(),
                                contacts.problems().size(),
                                topic.name());
            } catch (ExecutionException e) {
                throw KafkaErrors.toFailure(settings.bootstrapServers(), e);
            }
            return contacts.problems().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
        }

        private static ContactsFile read(final Path file) {
            try {
                return ContactsFileReader.read(file);
            } catch (NoSuchFileException e) {
                throw new CommandFailure(ExitCodes.FAILURE, "no such contacts file: " + file);
            } catch (IOException e) {
                throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
            }
        }
    }
}
