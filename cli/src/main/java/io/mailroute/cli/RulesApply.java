package io.mailroute.cli;

import io.mailroute.avro.Rule;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.TopicPublisher;
import io.mailroute.runtime.client.TopicReader;
import io.mailroute.runtime.command.ClusterOptions;
import io.mailroute.runtime.command.CommandFailure;
import io.mailroute.runtime.command.ExitCodes;
import io.mailroute.runtime.command.KafkaErrors;
import io.mailroute.schemas.registry.SchemaRegistryClient;
import io.mailroute.schemas.topics.Topic;
import io.mailroute.topology.rules.RulePack;
import io.mailroute.topology.rules.RuleProblem;
import io.mailroute.topology.rules.RuleValidationException;
import io.mailroute.topology.rules.RulesYaml;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailroute rules apply}: validates rule files and publishes their rules to mail.rules.
 * Nothing is published unless every file is valid; every problem is reported.
 */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        description = {
            "Validates rule YAML (a file, or every *.yaml/*.yml in a directory) and publishes the rules to mail.rules.",
            "Nothing is published when any rule is invalid; all problems are listed, one per line."
        })
final class RulesApply implements Callable<Integer> {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @Mixin
    ClusterOptions cluster;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Rule files or directories of rule files.")
    List<Path> paths;

    @Option(names = "--dry-run", description = "Validate and print what would be published, publish nothing.")
    boolean dryRun;

    @Option(names = "--prune", description = "Tombstone rules in mail.rules that the files no longer contain.")
    boolean prune;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        final Map<String, Rule> rules = readAll(ruleFiles(paths), Instant.now());
        final PrintWriter out = spec.commandLine().getOut();
        final ClientSettings settings = cluster.settings();
        try (SchemaRegistryClient registry = settings.registry()) {
            final Topic<String, Rule> topic = settings.topics(registry).rules();
            final Set<String> pruned = prune
                    ? obsolete(new TopicReader(settings).readAll(topic, key -> true, READ_TIMEOUT), rules.keySet())
                    : Set.of();
            final String verb = dryRun ? "would publish" : "publish";
            rules.values()
                    .forEach(
                            rule -> out.printf("%s %s (version %s)%n", verb, rule.getRuleId(), rule.getRulesVersion()));
            pruned.forEach(id -> out.printf("%s a tombstone for %s%n", verb, id));
            if (!dryRun) {
                try (TopicPublisher publisher = new TopicPublisher(settings)) {
                    rules.forEach((id, rule) -> publisher.send(topic, id, rule));
                    pruned.forEach(id -> publisher.send(topic, id, null));
                    publisher.awaitAcks();
                }
            }
            out.printf(
                    "%s%d rules, %d pruned on %s%n",
                    dryRun ? "dry run, nothing published: " : "", rules.size(), pruned.size(), topic.name());
        } catch (ExecutionException e) {
            throw KafkaErrors.toFailure(settings.bootstrapServers(), e);
        }
        return ExitCodes.OK;
    }

    /** The rule files named by {@code paths}: files as given, directories by their *.yaml and *.yml files. */
    static List<Path> ruleFiles(final List<Path> paths) {
        final List<Path> files = new ArrayList<>();
        for (final Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> list = Files.list(path)) {
                    list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new CommandFailure(ExitCodes.FAILURE, "cannot list " + path + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new CommandFailure(ExitCodes.FAILURE, "no such rule file or directory: " + path);
            }
        }
        if (files.isEmpty()) {
            throw new CommandFailure(ExitCodes.FAILURE, "no rule files (*.yaml, *.yml) in " + paths);
        }
        return files;
    }

    /** Every rule of {@code files} by id; reports all problems of all files on stderr and fails when there is one. */
    Map<String, Rule> readAll(final List<Path> files, final Instant now) {
        final Map<String, Rule> rules = new LinkedHashMap<>();
        final Map<String, Path> origin = new LinkedHashMap<>();
        final List<String> problems = new ArrayList<>();
        for (final Path file : files) {
            try {
                final RulePack pack = RulesYaml.read(file, now);
                for (final Rule rule : pack.rules()) {
                    final Path first = origin.putIfAbsent(rule.getRuleId(), file);
                    if (first != null) {
                        problems.add(file + ": rule " + rule.getRuleId() + ": ruleId: is also defined in " + first);
                    } else {
                        rules.put(rule.getRuleId(), rule);
                    }
                }
            } catch (RuleValidationException e) {
                e.problems().stream().map(RuleProblem::toString).forEach(problems::add);
            } catch (IOException e) {
                problems.add(file + ": cannot read: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> spec.commandLine().getErr().println("mailroute: " + p));
            throw new CommandFailure(
                    ExitCodes.FAILURE, problems.size() + " problem(s) in the rule files; nothing published");
        }
        return rules;
    }

    /** Ids whose latest record in mail.rules is a rule that {@code keep} does not contain. */
    static Set<String> obsolete(final List<TopicReader.Entry<Rule>> entries, final Set<String> keep) {
        final Set<String> live = new TreeSet<>();
        for (final TopicReader.Entry<Rule> entry : entries) {
            if (entry.key() == null || entry.error() != null) {
                continue;
            }
            if (entry.value() == null) {
                live.remove(entry.key());
            } else {
                live.add(entry.key());
            }
        }
        live.removeAll(keep);
        return live;
    }
}
