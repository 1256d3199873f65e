package io.mailroute.topology.lookup;

import io.mailroute.schemas.topics.MailTopics;
import io.mailroute.topology.config.MailrouteConfig;
import io.mailroute.topology.naming.Node;
import io.mailroute.topology.owner.ContactsIndex;
import io.mailroute.topology.owner.ContactsUpdater;
import io.mailroute.topology.owner.OwnerIndex;
import io.mailroute.topology.owner.OwnerIndexUpdater;
import io.mailroute.topology.owner.OwnersSerde;
import io.mailroute.topology.rules.DefaultRulePack;
import io.mailroute.topology.rules.RuleBook;
import io.mailroute.topology.rules.RuleSet;
import io.mailroute.topology.rules.RulesUpdater;
import io.mailroute.topology.support.Generation;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.Stores;

/**
 * The owners, their contacts and the rules every sub-flow looks up: three global stores, with the
 * change counters the owner and rule updaters bump and the rules that apply while {@code mail.rules}
 * is empty. One per topology built; each task opens its own views ({@link #owners},
 * {@link #contacts}, {@link #rules}).
 */
public final class Lookups {
    private final Generation accounts;
    private final Generation rules;
    private final RuleSet fallbackRules;

    private Lookups(final Generation accounts, final Generation rules, final RuleSet fallbackRules) {
        this.accounts = accounts;
        this.rules = rules;
        this.fallbackRules = fallbackRules;
    }

    /**
     * Adds the two global stores:
     * <pre>
     * mail.accounts ─ index-owners ─ [owner-index-store]  (owners by normalized address and account id)
     * mail.rules ─ update-rules ─ [rules-store]           (rules by rule id)
     * </pre>
     */
    public static Lookups addTo(final StreamsBuilder builder, final MailTopics topics, final MailrouteConfig config) {
        final Lookups lookups = new Lookups(
                new Generation(),
                new Generation(),
                config.defaultRulesFallback()
                        ? DefaultRulePack.load().compile()
                        : RuleSet.compile(List.of(), "none", List.of()));
        // owners and rules are small and read by every task: global stores, rebuilt from their
        // compacted topics through the updaters on every start, so mail never needs repartitioning
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(OwnerIndex.STORE), Serdes.String(), new OwnersSerde())
                        .withLoggingDisabled(),
                topics.accounts().name(),
                Consumed.with(Serdes.String(), topics.accounts().valueSerde()).withName(Node.INDEX_OWNERS.id()),
                () -> new OwnerIndexUpdater(lookups.accounts));
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(RulesUpdater.STORE),
                                Serdes.String(),
                                topics.rules().valueSerde())
                        .withLoggingDisabled(),
                topics.rules().name(),
                Consumed.with(Serdes.String(), topics.rules().valueSerde()).withName(Node.UPDATE_RULES.id()),
                () -> new RulesUpdater(lookups.rules));
        return lookups;
    }

    /**
     * Adds the global store of the owners' contacts:
     * <pre>
     * mail.contacts ─ update-contacts ─ [contacts-store]  (contacts by owner id)
     * </pre>
     * The topology adds it after every other sub-topology: a global store takes a sub-topology
     * number too, and added last it leaves the numbers, and so the task ids and state directories,
     * of the existing sub-topologies as they were.
     */
    public void addContactsTo(final StreamsBuilder builder, final MailTopics topics) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(ContactsIndex.STORE),
                                Serdes.String(),
                                topics.contacts().valueSerde())
                        .withLoggingDisabled(),
                topics.contacts().name(),
                Consumed.with(Serdes.String(), topics.contacts().valueSerde()).withName(Node.UPDATE_CONTACTS.id()),
                ContactsUpdater::new);
    }

    /** The owner index as a task sees it. */
    public OwnerIndex owners(final ProcessingContext context) {
        return new OwnerIndex(context.getStateStore(OwnerIndex.STORE));
    }

    /** The owners' contacts as a task sees them. */
    public ContactsIndex contacts(final ProcessingContext context) {
        return new ContactsIndex(context.getStateStore(ContactsIndex.STORE));
    }

    /** The rules as a task sees them: one book per task, which recompiles them only when they changed. */
    public RuleBook rules(final ProcessingContext context) {
        return new RuleBook(context.getStateStore(RulesUpdater.STORE), rules, fallbackRules);
    }

    /** The change counter of the owner index, for the tasks that wait for owners to appear. */
    public Generation accounts() {
        return accounts;
    }
}
