package io.mailroute.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mailroute completion}: the bash/zsh completion script of every command, option and enum value. */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the shell completion script for bash and zsh (zsh through bashcompinit).",
            "Load it with: source <(./mailroute completion)"
        })
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine()
                .getOut()
                .print(AutoComplete.bash("mailroute", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
