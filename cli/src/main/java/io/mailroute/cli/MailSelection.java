package io.mailroute.cli;

import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The mails a command acts on: the ids given, or {@code --all}. */
final class MailSelection {
    @Parameters(paramLabel = "MAILID", arity = "1..*", description = "Mail ids to act on.")
    List<String> mailIds;

    @Option(names = "--all", description = "Every mail the command lists.")
    boolean all;
}
