package io.mailroute.topology.rules;

import io.mailroute.avro.Rule;
import io.mailroute.topology.support.Generation;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule set a stream task classifies with: the rules in the global rules store, compiled again
 * only when the store's {@link Generation} moved; the fallback pack (the default pack) while the
 * store is empty. Invalid rules from the topic are left out with a warning. One per task.
 */
public final class RuleBook {
    private static final Logger log = LoggerFactory.getLogger(RuleBook.class);
    private static final String SOURCE = "mail.rules";

    private final ReadOnlyKeyValueStore<String, Rule> store;
    private final Generation generation;
    private final RuleSet fallback;
    private long seen = -1;
    private RuleSet current;

    public RuleBook(
            final ReadOnlyKeyValueStore<String, Rule> store, final Generation generation, final RuleSet fallback) {
        this.store = store;
        this.generation = generation;
        this.fallback = fallback;
    }

    /** The rule set to use now. */
    public RuleSet current() {
        final long now = generation.current();
        if (now != seen || current == null) {
            seen = now;
            current = load();
        }
        return current;
    }

    private RuleSet load() {
        final List<Rule> rules = new ArrayList<>();
        try (KeyValueIterator<String, Rule> all = store.all()) {
            all.forEachRemaining(kv -> rules.add(kv.value));
        }
        if (rules.isEmpty()) {
            return fallback;
        }
        final List<RuleProblem> problems = new ArrayList<>();
        final RuleSet set = RuleSet.compile(rules, SOURCE, problems);
        problems.forEach(problem -> log.warn("Ignoring invalid rule: {}", problem));
        return set;
    }
}
