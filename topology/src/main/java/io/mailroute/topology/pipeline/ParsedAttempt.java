package io.mailroute.topology.pipeline;

import io.mailroute.topology.parse.ParsedMail;

/** A mail attempt with its parsed mail. */
public record ParsedAttempt(MailAttempt attempt, ParsedMail mail) {
}
