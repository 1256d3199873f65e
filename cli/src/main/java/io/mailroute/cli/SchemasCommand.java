package io.mailroute.cli;

import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.command.ClusterOptions;
import io.mailroute.runtime.command.CommandFailure;
import io.mailroute.runtime.command.ExitCodes;
import io.mailroute.schemas.contract.ValueSubject;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.registry.SchemaRegistryException;
import io.mailroute.schemas.serde.AvroSerdeConfig;
import io.mailroute.schemas.topics.TopicNames;
import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mailroute schemas register|check}: the value schemas of every topic in a registry that runs
 * with {@code auto.register.schemas=false}, registered ahead of a release or checked against it.
 */
@Command(
        name = "schemas",
        description = "Register or check the value schema of every topic in the schema registry.",
        subcommands = {SchemasCommand.Register.class, SchemasCommand.Check.class})
public final class SchemasCommand {
    private static final String ROW = "%-32s %-10s %s%n";

    /** The subjects of the configured topic names, named as the serializer names them. */
    static List<ValueSubject> subjects(final ClientSettings settings) {
        final AvroSerdeConfig serde = new AvroSerdeConfig(settings.serde());
        return ValueSubject.all(TopicNames.from(settings.application()), serde.subjectNameStrategy(false));
    }

    /** UNREACHABLE when the registry did not answer, FAILURE when it refused (auth, incompatible schema). */
    static CommandFailure registryFailure(final ClusterOptions cluster, final SchemaRegistryException e) {
        final boolean answered = e.httpStatus() > 0;
        return new CommandFailure(
                answered ? ExitCodes.FAILURE : ExitCodes.UNREACHABLE,
                "schema registry at " + cluster.schemaRegistry() + (answered ? " refused: " : " did not answer: ")
                        + e.getMessage(),
                e);
    }

    @Command(
            name = "register",
            mixinStandardHelpOptions = true,
            description = {
                "Registers the value schema of every topic under its subject (<topic>-value by default) and prints",
                "the schema id per subject. Registering a schema that is already there changes nothing."
            })
    static final class Register implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            final ClientSettings settings = cluster.settings();
            final PrintWriter out = spec.commandLine().getOut();
            try (SchemaRegistryClient registry = settings.registry()) {
                out.printf(ROW, "SUBJECT", "ID", "SCHEMA");
                for (final ValueSubject subject : subjects(settings)) {
                    final int id = registry.register(subject.subject(), subject.schema());
                    out.printf(ROW, subject.subject(), id, subject.schema().getFullName());
                }
            } catch (SchemaRegistryException e) {
                throw registryFailure(cluster, e);
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = {
                "Tells for every topic's value subject whether this version's schema is registered and whether it",
                "is compatible with the subject's latest version under the subject's compatibility level.",
                "Exits with 1 when a schema is missing or incompatible."
            })
    static final class Check implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            final ClientSettings settings = cluster.settings();
            final PrintWriter out = spec.commandLine().getOut();
            int problems = 0;
            try (SchemaRegistryClient registry = settings.registry()) {
                out.printf(ROW, "SUBJECT", "ID", "STATE");
                for (final ValueSubject subject : subjects(settings)) {
                    final OptionalInt id = registeredId(registry, subject);
                    final List<String> violations = registry.violations(subject.subject(), subject.schema());
                    final String state = !violations.isEmpty()
                            ? "incompatible with the latest version: " + String.join("; ", violations)
                            : id.isPresent() ? "registered" : "missing (compatible, run `mailroute schemas register`)";
                    if (!violations.isEmpty() || id.isEmpty()) {
                        problems++;
                    }
                    out.printf(ROW, subject.subject(), id.isPresent() ? id.getAsInt() : "-", state);
                }
            } catch (SchemaRegistryException e) {
                throw registryFailure(cluster, e);
            }
            out.printf(
                    problems == 0 ? "all schemas registered and compatible%n" : "%d subject(s) need attention%n",
                    problems);
            return problems == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
        }

        private static OptionalInt registeredId(final SchemaRegistryClient registry, final ValueSubject subject) {
            try {
                return OptionalInt.of(
                        registry.lookup(subject.subject(), subject.schema()).id());
            } catch (SchemaRegistryException e) {
                if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                        || e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                    return OptionalInt.empty();
                }
                throw e;
            }
        }
    }
}
