package io.mailroute.topology.classify;

import io.mailroute.topology.attempt.MailAttempt;
import io.mailroute.topology.attempt.MailDecision;
import io.mailroute.topology.attempt.Outcomes;
import io.mailroute.topology.attempt.ParsedAttempt;
import io.mailroute.topology.attempt.StageResult;
import io.mailroute.topology.bouncereport.BounceDetector;
import io.mailroute.topology.budget.UnfinishedAttempts;
import io.mailroute.topology.config.MailrouteConfig;
import io.mailroute.topology.fetch.MailBodyStore;
import io.mailroute.topology.lookup.Lookups;
import io.mailroute.topology.naming.Node;
import io.mailroute.topology.naming.Track;
import io.mailroute.topology.parse.MailParser;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * What a mail attempt becomes: its bytes fetched (inline or from the claim check), parsed, and
 * classified with the rules and the owners into its {@link MailDecision}. Both tracks run these
 * stages, sharing one parser, one classifier and one {@link MailGuard}: the guard's budget starts at
 * the parse and spans the classification (and the flood check the main track runs between them),
 * and the guard counts the attempts that killed a stream thread on either track.
 */
public final class ClassifyStage {
    /** Attempts remembered as begun and unfinished: far more than the records of one poll are ever in flight. */
    private static final int UNFINISHED_CAPACITY = 10_000;

    private final FetchStage fetch;
    private final ParseStage parse;
    private final Classifier classifier;
    private final MailGuard guard;
    private final Lookups lookups;

    /**
     * @param bodies   where claim-checked mail is fetched from
     * @param bounces  finds the failed recipients of bounce mails
     * @param outcomes builds the retry, dead-letter and status records
     * @param lookups  owners and rules
     */
    public ClassifyStage(
            final MailrouteConfig config,
            final MailBodyStore bodies,
            final BounceDetector bounces,
            final Outcomes outcomes,
            final Lookups lookups) {
        final MailParser parser = new MailParser(config.parserSettings());
        this.fetch = new FetchStage(bodies, outcomes);
        this.parse = new ParseStage(parser, outcomes);
        this.classifier = new Classifier(outcomes, bounces, parser.settings().excerptChars());
        this.guard = new MailGuard(config.mailBudget(), outcomes, new UnfinishedAttempts(UNFINISHED_CAPACITY));
        this.lookups = lookups;
    }

    /**
     * Adds the fetch and the parse of {@code track} and returns the parsed attempts, or the
     * decisions of those that failed already:
     * <pre>
     * attempts ─ fetch-mail ─ parse-mail ─ parsed   (each named for its track)
     * </pre>
     */
    public KStream<String, StageResult<ParsedAttempt>> addFetchAndParseTo(
            final KStream<String, MailAttempt> attempts, final Track track) {
        // each stage either hands on its result or the mail's final decision (retry, dead letter)
        return attempts.processValues(StageProcessor.supplier(fetch::fetch), Named.as(Node.FETCH.id(track)))
                .processValues(() -> new ParseProcessor(parse, guard), Named.as(Node.PARSE.id(track)));
    }

    /**
     * Adds the classification of {@code track} and returns every attempt's decision:
     * <pre>
     * parsed ─ classify-mail ─ decisions   (named for its track; owners and rules from the global stores)
     * </pre>
     */
    public KStream<String, MailDecision> addTo(
            final KStream<String, StageResult<ParsedAttempt>> parsed, final Track track) {
        return parsed.processValues(
                () -> new ClassifyProcessor(classifier, guard, lookups), Named.as(Node.CLASSIFY.id(track)));
    }
}
