package io.mailroute.topology.classify;

import io.mailroute.avro.Stage;
import io.mailroute.topology.attempt.FetchedMail;
import io.mailroute.topology.attempt.Outcomes;
import io.mailroute.topology.attempt.ParsedAttempt;
import io.mailroute.topology.attempt.StageResult;
import io.mailroute.topology.parse.MailParseException;
import io.mailroute.topology.parse.MailParser;

/** Parses fetched bytes; input that is not a mail (or breaks STRICT limits) is a dead letter of stage PARSE. */
final class ParseStage {
    private final MailParser parser;
    private final Outcomes outcomes;

    ParseStage(final MailParser parser, final Outcomes outcomes) {
        this.parser = parser;
        this.outcomes = outcomes;
    }

    StageResult<ParsedAttempt> parse(final FetchedMail fetched, final long now) {
        try {
            return StageResult.next(new ParsedAttempt(fetched.attempt(), parser.parse(fetched.bytes())));
        } catch (MailParseException e) {
            return StageResult.done(outcomes.deadLetter(
                    fetched.attempt(), Stage.PARSE, "mailroute:unparseable", e.getMessage(), null, null, now));
        }
    }
}
