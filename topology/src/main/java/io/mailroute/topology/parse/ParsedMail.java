package io.mailroute.topology.parse;

import io.mailroute.avro.Address;
import io.mailroute.avro.AuthVerdicts;
import java.util.List;

/**
 * A mail as the rules see it. The header facts are read eagerly (one fast pass); the body is
 * walked on first use of {@link #body()} only, so that mails classified on their headers never
 * pay for decoding, and what a bounce reader needs on first use of {@link #report()} only.
 * Not thread-safe: one instance belongs to one record being processed.
 */
public final class ParsedMail {
    private final byte[] raw;
    private final HeaderBlock headers;
    private final String subject;
    private final Address from;
    private final List<Address> recipients;
    private final String messageId;
    private final Long sentAt;
    private final AuthVerdicts auth;
    private final BodyWalker walker;
    private final ParserSettings settings;
    private MailBody body;
    private MailReport report;

    ParsedMail(
            final byte[] raw,
            final HeaderBlock headers,
            final String subject,
            final Address from,
            final List<Address> recipients,
            final String messageId,
            final Long sentAt,
            final AuthVerdicts auth,
            final ParserSettings settings) {
        this.raw = raw;
        this.headers = headers;
        this.subject = subject;
        this.from = from;
        this.recipients = List.copyOf(recipients);
        this.messageId = messageId;
        this.sentAt = sentAt;
        this.auth = auth;
        this.walker = new BodyWalker(settings, raw);
        this.settings = settings;
    }

    /** The limits the mail was parsed under, which whatever reads it further obeys too. */
    public ParserSettings settings() {
        return settings;
    }

    /** The mail bytes as received. */
    public byte[] raw() {
        return raw;
    }

    public HeaderBlock headers() {
        return headers;
    }

    /** Subject with encoded words decoded; null when the mail has none. */
    public String subject() {
        return subject;
    }

    /** Subject header as found (unfolded), encoded words undecoded; null when absent. */
    public String subjectRaw() {
        return headers.first("Subject").orElse(null);
    }

    /** First From address, or null. */
    public Address from() {
        return from;
    }

    /** To, Cc, Delivered-To and X-Original-To addresses in header order. */
    public List<Address> recipients() {
        return recipients;
    }

    public String messageId() {
        return messageId;
    }

    /** The Date header in epoch millis, or null when missing or unparseable. */
    public Long sentAt() {
        return sentAt;
    }

    public AuthVerdicts auth() {
        return auth;
    }

    /** True when the mail is a {@code multipart/report} (a DSN or a feedback report), by its header alone. */
    public boolean isReport() {
        return MimeHeaderValue.parse(headers.first("Content-Type").orElse(null), "text/plain")
                .value()
                .equals("multipart/report");
    }

    /**
     * The body, walked on first call. Under {@link ParserSettings#STRICT} it was walked by the
     * parser already; under LENIENT problems become {@link MailBody#warnings()}.
     */
    public MailBody body() {
        if (body == null) {
            try {
                body = walker.walk(headers);
            } catch (MailParseException e) {
                body = new MailBody("", List.of(), false, List.of(e.getMessage()));
            }
        }
        return body;
    }

    /**
     * The mail as a bounce reader reads it (report text, returned message, headers), read on first
     * call within the same {@link #settings()}; never fails.
     */
    public MailReport report() {
        if (report == null) {
            report = ReportReader.read(raw, settings);
        }
        return report;
    }

    /** Walks the body now, so that STRICT parsing reports its problems from the parser. */
    void walkBody() throws MailParseException {
        body = walker.walk(headers);
    }
}
