package io.mailroute.cli;

import io.mailroute.avro.AuthVerdicts;
import io.mailroute.avro.Rule;
import io.mailroute.runtime.command.CommandFailure;
import io.mailroute.runtime.command.ExitCodes;
import io.mailroute.topology.TopologyServices;
import io.mailroute.topology.classify.AuthRequirements;
import io.mailroute.topology.parse.MailParseException;
import io.mailroute.topology.parse.MailParser;
import io.mailroute.topology.parse.ParsedMail;
import io.mailroute.topology.parse.ParserSettings;
import io.mailroute.topology.rules.CompiledRule;
import io.mailroute.topology.rules.DefaultRulePack;
import io.mailroute.topology.rules.MailView;
import io.mailroute.topology.rules.RuleSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailroute rules}: work with classification rules. */
@Command(
        name = "rules",
        description = "Classification rules.",
        mixinStandardHelpOptions = true,
        subcommands = {RulesCommand.Test.class, RulesApply.class, CommandLine.HelpCommand.class})
final class RulesCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code mailroute rules test}: which rule a mail matches and why the others do not. Exit 0 when
     * a rule matches, 1 when none does (the mail would wait in mail.retry as UNCLASSIFIED).
     */
    @Command(
            name = "test",
            description = {
                "Explains which rule a mail matches and why the others do not.",
                "Exit code 0 when a rule matches, 1 when none does."
            },
            mixinStandardHelpOptions = true)
    static final class Test implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(
                names = "--rules",
                paramLabel = "FILE",
                description = "A rule file (YAML) to test instead of the default rule pack.")
        private Path rules;

        @Parameters(paramLabel = "FILE.eml", description = "The mail to test.")
        private Path mail;

        @Override
        public Integer call() {
            final PrintWriter out = spec.commandLine().getOut();
            final RuleSet set = (rules == null ? DefaultRulePack.load() : ClassifyCommand.readRules(rules)).compile();
            final ParsedMail parsed = parse(mail);
            // the topology's own services, so that IS_BOUNCE holds here exactly where it holds there
            try (TopologyServices services = TopologyServices.inlineOnly()) {
                return explain(out, set, parsed, new MailView(parsed, services.bounces()));
            }
        }

        /** Prints the mail and every rule's verdict on it; the exit code. */
        private int explain(final PrintWriter out, final RuleSet set, final ParsedMail parsed, final MailView view) {
            describe(out, parsed, view);
            out.println("rules " + set.version() + " (" + (rules == null ? "default pack" : rules)
                    + "), highest priority first; " + "the first match wins:");
            Optional<CompiledRule> winner = Optional.empty();
            for (final CompiledRule rule : set.rules()) {
                final boolean matches = rule.matches(view);
                final String verdict = !matches
                        ? "no"
                        : winner.isEmpty()
                                ? "MATCH"
                                : "would match, but " + winner.get().id() + " wins";
                out.println((matches && winner.isEmpty() ? "  + " : "  - ") + rule.id() + " (priority "
                        + rule.rule().getPriority() + "): " + verdict);
                rule.explain(view).forEach(line -> out.println("      " + TerminalText.escape(line)));
                if (matches && winner.isEmpty()) {
                    winner = Optional.of(rule);
                    consequences(out, rule, view, parsed.auth());
                }
            }
            if (winner.isEmpty()) {
                out.println(
                        "no rule matches: the mail would wait in mail.retry as UNCLASSIFIED and raise a new-pattern alert");
            }
            out.flush();
            return winner.isPresent() ? ExitCodes.OK : ExitCodes.FAILURE;
        }

        private static void describe(final PrintWriter out, final ParsedMail parsed, final MailView view) {
            out.println("mail:");
            out.println("  from:       "
                    + (parsed.from() == null
                            ? "(none)"
                            : TerminalText.escape(parsed.from().getAddress())));
            out.println("  recipients: "
                    + parsed.recipients().stream()
                            .map(r -> r.getField() + " " + TerminalText.escape(r.getAddress()))
                            .collect(Collectors.joining(", ")));
            out.println("  subject:    " + TerminalText.escape(parsed.subject()));
            final AuthVerdicts auth = parsed.auth();
            out.println("  verdicts:   spf=" + auth.getSpf() + " dkim=" + auth.getDkim() + " dmarc=" + auth.getDmarc()
                    + " spam=" + auth.getSpam() + " virus=" + auth.getVirus());
            out.println("  bounce:     "
                    + (view.bounces().isEmpty() ? "no" : view.bounces().size() + " recipient(s)"));
        }

        private static void consequences(
                final PrintWriter out, final CompiledRule rule, final MailView view, final AuthVerdicts auth) {
            final Rule r = rule.rule();
            final String authFailure = AuthRequirements.failure(r.getRequireAuth(), auth);
            out.println("      requireAuth " + r.getRequireAuth() + ": "
                    + (authFailure == null ? "passed" : "NOT passed -> quarantine (" + authFailure + ")"));
            final Map<String, String> extracted = rule.extract(view);
            out.println("      extracted: "
                    + (extracted.isEmpty() ? "(nothing)" : TerminalText.escape(extracted.toString())));
            final List<String> missing = rule.missingRequired(extracted);
            if (!missing.isEmpty()) {
                out.println("      missing required: " + missing + " -> mail.retry UNCLASSIFIED");
            }
            rule.fallbackOwnerId(view).ifPresent(id -> out.println("      owner fallback finds account " + id));
            out.println(
                    "      lanes: " + (r.getLanes().isEmpty() ? "none (recorded in mail.status only)" : r.getLanes())
                            + ", category " + r.getCategory() + ", severity " + r.getSeverity());
        }

        private static ParsedMail parse(final Path file) {
            try {
                return new MailParser(ParserSettings.LENIENT).parse(Files.readAllBytes(file));
            } catch (NoSuchFileException e) {
                throw new CommandFailure(ExitCodes.FAILURE, "no such mail file: " + file);
            } catch (IOException e) {
                throw new CommandFailure(ExitCodes.FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
            } catch (MailParseException e) {
                throw new CommandFailure(ExitCodes.FAILURE, file + " is not a mail: " + e.getMessage(), e);
            }
        }
    }
}
