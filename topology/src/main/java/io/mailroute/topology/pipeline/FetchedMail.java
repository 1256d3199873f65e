package io.mailroute.topology.pipeline;

/** A mail attempt with its bytes at hand. */
public record FetchedMail(MailAttempt attempt, byte[] bytes) {
}
