package io.mailroute.runtime.command;

import io.mailroute.s3.S3Environment;
import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The environment variables {@code mailroute run} and {@code topics apply} read, for the deployment files' tests. */
public final class CommandEnvironment {
    private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:([A-Z0-9_]+)(?::-|})");

    private CommandEnvironment() {}

    /** The option defaults of run and its mixins that name a variable, and the S3 keys' variables. */
    public static Set<String> variablesTheCommandsRead() {
        final Set<String> names = new HashSet<>(S3Environment.variables());
        for (final Class<?> options : List.of(ClusterOptions.class, StatusOptions.class, RunCommand.class)) {
            for (final Field field : options.getDeclaredFields()) {
                final Option option = field.getAnnotation(Option.class);
                if (option != null) {
                    final Matcher m = ENV_DEFAULT.matcher(option.defaultValue());
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
        }
        return names;
    }
}
