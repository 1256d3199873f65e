package io.mailroute.topology.attempt;

/** A mail attempt with its bytes at hand. */
public record FetchedMail(MailAttempt attempt, byte[] bytes) {}
