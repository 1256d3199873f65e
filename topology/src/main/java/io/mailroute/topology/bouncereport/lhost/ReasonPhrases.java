package io.mailroute.topology.bouncereport.lhost;

import java.util.List;
import java.util.Map;

/**
 * An MTA's own wording of bounce reasons, after the {@code $messagesof} tables of Sisimai's Lhost
 * modules: the first reason, in table order, one of whose phrases the diagnostic contains.
 *
 * @param table each reason with its phrases, in the order they are tried
 */
record ReasonPhrases(List<Map.Entry<String, List<String>>> table) {
    ReasonPhrases {
        table = List.copyOf(table);
    }

    /** The reason the diagnostic words, or null when it has none of the phrases. */
    String reasonOf(final String diagnostic) {
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
