package io.mailroute.topology.pipeline;

import io.mailroute.avro.Alert;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.RetryMail;
import io.mailroute.topology.TopologyServices;
import io.mailroute.topology.attempt.FetchedMail;
import io.mailroute.topology.attempt.MailAttempt;
import io.mailroute.topology.attempt.MailDecision;
import io.mailroute.topology.attempt.Outcomes;
import io.mailroute.topology.attempt.ParsedAttempt;
import io.mailroute.topology.attempt.StageResult;
import io.mailroute.topology.budget.UnfinishedAttempts;
import io.mailroute.topology.config.FloodPolicy;
import io.mailroute.topology.config.MailrouteConfig;
import io.mailroute.topology.parse.MailParser;
import io.mailroute.topology.rules.RuleSet;
import io.mailroute.topology.support.Generation;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/**
 * The processors of the mail pipeline, built from configuration and services, for
 * {@link io.mailroute.topology.MailTopology} to wire. Stages share one parser, one classifier and
 * the services; stateful processors are created per task by their suppliers.
 */
public final class Pipeline {
    /** Attempts remembered as begun and unfinished: far more than the records of one poll are ever in flight. */
    private static final int UNFINISHED_CAPACITY = 10_000;

    private final MailrouteConfig config;
    private final Generation accountsGeneration;
    private final Generation rulesGeneration;
    private final RuleSet fallbackRules;
    private final FetchStage fetch;
    private final ParseStage parse;
    private final Classifier classifier;
    private final Outcomes outcomes;
    private final MailGuard guard;

    public Pipeline(final MailrouteConfig config, final TopologyServices services, final Generation accountsGeneration,
                    final Generation rulesGeneration, final RuleSet fallbackRules) {
        this.config = config;
        this.accountsGeneration = accountsGeneration;
        this.rulesGeneration = rulesGeneration;
        this.fallbackRules = fallbackRules;
        this.outcomes = new Outcomes(config.retryPolicy());
        final MailParser parser = new MailParser(config.parserSettings());
        this.fetch = new FetchStage(services.bodies(), outcomes);
        this.parse = new ParseStage(parser, outcomes);
        this.classifier = new Classifier(outcomes, services.bounces(), parser.settings().excerptChars());
        this.guard = new MailGuard(config.mailBudget(), outcomes, new UnfinishedAttempts(UNFINISHED_CAPACITY));
    }

    /** Drops re-deliveries; {@code store} is the dedup window store. */
    public FixedKeyProcessorSupplier<String, RawMail, MailAttempt> dedup(final String store) {
        return () -> new DedupProcessor(store, config.dedupWindow());
    }

    /** Holds waiting mails in {@code store}; each release ends the wait, then hands on the attempt. */
    public ProcessorSupplier<String, RetryMail, String, Released> retry(final String store) {
        return () -> new RetryProcessor(store, config.retryCheckInterval(), accountsGeneration, rulesGeneration, fallbackRules);
    }

    public FixedKeyProcessorSupplier<String, MailAttempt, StageResult<FetchedMail>> fetch() {
        return StageProcessor.supplier(fetch::fetch);
    }

    public FixedKeyProcessorSupplier<String, StageResult<FetchedMail>, StageResult<ParsedAttempt>> parse() {
        return () -> new ParseProcessor(parse, guard);
    }

    /** Moves the mail of a flooder flagged in the global {@code flagStore} to the overflow lane. */
    public FixedKeyProcessorSupplier<String, StageResult<ParsedAttempt>, StageResult<ParsedAttempt>> floodCheck(final String flagStore) {
        final FloodPolicy policy = config.floodPolicy();
        return () -> new FloodCheck(policy, outcomes, flagStore);
    }

    /** One {@link FloodSighting} per flood key of each parsed first attempt, keyed by the flood key. */
    public ProcessorSupplier<String, StageResult<ParsedAttempt>, String, FloodSighting> floodSightings() {
        final FloodPolicy policy = config.floodPolicy();
        return () -> new FloodSightings(policy);
    }

    /** Counts flood sightings per key and window in {@code countStore}; raises the FLOOD alert that flags a key. */
    public ProcessorSupplier<String, FloodSighting, String, Alert> floodCounter(final String countStore) {
        final FloodPolicy policy = config.floodPolicy();
        return () -> new FloodCounter(policy, countStore);
    }

    /** Takes a mail from the overflow lane in as a first attempt. */
    public FixedKeyProcessorSupplier<String, RawMail, MailAttempt> overflowEntry() {
        return OverflowEntry::new;
    }

    public FixedKeyProcessorSupplier<String, StageResult<ParsedAttempt>, MailDecision> classify() {
        return () -> new ClassifyProcessor(classifier, guard, rulesGeneration, fallbackRules);
    }
}
