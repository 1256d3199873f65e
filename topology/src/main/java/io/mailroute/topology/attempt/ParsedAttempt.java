package io.mailroute.topology.attempt;

import io.mailroute.topology.parse.ParsedMail;

/** A mail attempt with its parsed mail. */
public record ParsedAttempt(MailAttempt attempt, ParsedMail mail) {}
