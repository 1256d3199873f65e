package io.mailroute.cli;

import io.mailroute.runtime.status.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --output text|json} of the commands that list or show records: text for people, JSON (the status
 * server's views, one document) for scripts.
 */
final class OutputOption {
    enum Format {
        text,
        json
    }

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). JSON has the shape of "
                    + "the status server's API.")
    Format format = Format.text;

    boolean json() {
        return format == Format.json;
    }

    /** Prints {@code view} as one JSON document; mail-derived text is escaped for the terminal, and stays valid JSON. */
    static void printJson(final PrintWriter out, final Object view) {
        out.println(TerminalText.escape(Json.text(view)));
        out.flush();
    }
}
