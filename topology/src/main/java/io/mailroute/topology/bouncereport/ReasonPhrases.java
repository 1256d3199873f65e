package io.mailroute.topology.bouncereport;

import io.mailroute.topology.bouncereport.reason.Reasons;
import java.util.List;
import java.util.Map;

/**
 * A host's own wording of bounce reasons, after the {@code $messagesof} tables of Sisimai's Lhost
 * and Rhost modules: the first reason, in table order, one of whose phrases the diagnostic contains.
 *
 * @param table each reason with its phrases, in the order they are tried
 */
public record ReasonPhrases(List<Map.Entry<String, List<String>>> table) {
    public ReasonPhrases {
        table = List.copyOf(table);
        table.forEach(entry -> {
            if (!Reasons.known(entry.getKey())) {
                throw new IllegalArgumentException("no such reason: " + entry.getKey());
            }
        });
    }

    /** The reason the diagnostic words, or null when it has none of the phrases. */
    public String reasonOf(final String diagnostic) {
        for (final Map.Entry<String, List<String>> reason : table) {
            for (final String phrase : reason.getValue()) {
                if (diagnostic.contains(phrase)) {
                    return reason.getKey();
                }
            }
        }
        return null;
    }
}
