package io.mailroute.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.OwnerContacts;
import io.mailroute.avro.Rule;
import io.mailroute.cli.accounts.AccountsFile;
import io.mailroute.cli.accounts.AccountsFileReader;
import io.mailroute.cli.classify.AvroJson;
import io.mailroute.cli.classify.InProcessTopology;
import io.mailroute.cli.contacts.ContactsFile;
import io.mailroute.cli.contacts.ContactsFileReader;
import io.mailroute.runtime.command.CommandFailure;
import io.mailroute.runtime.command.ExitCodes;
import io.mailroute.topology.rules.RulePack;
import io.mailroute.topology.rules.RuleValidationException;
import io.mailroute.topology.rules.RulesYaml;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailroute classify}: the production topology, in this process, on .eml files; one JSON
 * line per record written. Mails that end in the DLQ are output like any other.
 */
@Command(
        name = "classify",
        description = {
            "Runs the mail topology in-process (no broker) on .eml files and prints one JSON line per record it writes:",
            "{\"topic\", \"key\", \"value\"} with the value in Avro's JSON encoding. The mail id is the file name."
        },
        mixinStandardHelpOptions = true)
final class ClassifyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--accounts",
            paramLabel = "FILE",
            description =
                    "Account mappings: the JSON of 'aws organizations list-accounts' or CSV accountId,email,name,status. Repeatable.")
    private List<Path> accounts = new ArrayList<>();

    @Option(
            names = "--contacts",
            paramLabel = "FILE",
            description =
                    "Owners' contacts, as for 'contacts import': CSV ownerId,recipients,locale[,name]. Repeatable.")
    private List<Path> contacts = new ArrayList<>();

    @Option(
            names = "--rules",
            paramLabel = "FILE",
            description = "A rule file (YAML) to use instead of the default rule pack.")
    private Path rules;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = ".eml files, or directories of them.")
    private List<Path> files;

    @Override
    public Integer call() throws IOException {
        final Instant now = Instant.now();
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final List<AccountMapping> mappings = new ArrayList<>();
        int rejected = 0;
        for (final Path file : accounts) {
            final AccountsFile read = readAccounts(file, now);
            mappings.addAll(read.mappings());
            read.problems().forEach(p -> err.println("mailroute: skipped " + p));
            rejected += read.problems().size();
        }
        final List<OwnerContacts> ownerContacts = new ArrayList<>();
        for (final Path file : contacts) {
            final ContactsFile read = readContacts(file);
            ownerContacts.addAll(read.contacts());
            read.problems().forEach(p -> err.println("mailroute: skipped " + p));
            rejected += read.problems().size();
        }
        final List<Rule> ruleList = rules == null ? List.of() : readRules(rules).rules();
        try (InProcessTopology topology = new InProcessTopology(mappings, ownerContacts, ruleList, now)) {
            for (final Path mail : mails()) {
                final byte[] bytes = Files.readAllBytes(mail);
                final Instant received = Files.getLastModifiedTime(mail).toInstant();
                for (final InProcessTopology.Output output :
                        topology.classify(mail.getFileName().toString(), bytes, received)) {
                    final ObjectNode line = JSON.createObjectNode();
                    line.put("topic", output.topic());
                    line.put("key", output.key());
                    line.set("value", JSON.readTree(AvroJson.toJson(output.value())));
                    out.println(TerminalText.escape(JSON.writeValueAsString(line)));
                }
                out.flush();
            }
        }
        return rejected == 0 ? ExitCodes.OK : ExitCodes.PARTIAL;
    }

    private static AccountsFile readAccounts(final Path file, final Instant now) {
        try {
            return AccountsFileReader.read(file, now);
        } catch (NoSuchFileException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "no such accounts file: " + file);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    private static ContactsFile readContacts(final Path file) {
        try {
            return ContactsFileReader.read(file);
        } catch (NoSuchFileException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "no such contacts file: " + file);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    /** A rule file, valid as a whole or not used at all. */
    static RulePack readRules(final Path file) {
        try {
            return RulesYaml.read(file, Instant.now());
        } catch (NoSuchFileException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "no such rule file: " + file);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuleValidationException e) {
            throw new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    private List<Path> mails() throws IOException {
        final List<Path> mails = new ArrayList<>();
        for (final Path file : files) {
            if (Files.isDirectory(file)) {
                try (Stream<Path> listing = Files.list(file)) {
                    listing.filter(p -> p.getFileName().toString().endsWith(".eml"))
                            .sorted()
                            .forEach(mails::add);
                }
            } else if (Files.isRegularFile(file)) {
                mails.add(file);
            } else {
                throw new CommandFailure(ExitCodes.FAILURE, "no such mail file: " + file);
            }
        }
        return mails;
    }
}
