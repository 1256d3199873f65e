package io.mailroute.cli.bench;

/**
 * One generated mail.
 *
 * @param key   an SES-style S3 object key (prefix and 40 random characters), unique within a generator
 * @param kind  what it is
 * @param bytes the mail as SES would store it
 */
public record GeneratedMail(String key, MailKind kind, byte[] bytes) {}
