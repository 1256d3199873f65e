package io.mailroute.cli.suppressions;

import io.mailroute.avro.Suppression;

/**
 * The CSV that the SES account-level suppression list import takes ({@code CreateImportJob} with a
 * {@code SuppressionListDestination} and {@code DataFormat} CSV): one {@code address,reason} record
 * per line, no header, the reason {@code BOUNCE} or {@code COMPLAINT}; see "Adding addresses in bulk"
 * in https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list.html. Every suppression
 * of mailroute comes from bounces, hard or repeated soft ones, so every record says {@code BOUNCE}.
 * Fields are quoted as RFC 4180 says: an address that holds a comma, a quote, a line break or
 * surrounding white space is enclosed in double quotes with its quotes doubled, so no address can end
 * its record or start another. Records end with CRLF (RFC 4180).
 */
public final class SesSuppressionCsv {
    /** The SES suppression reason of a bounce. */
    static final String BOUNCE = "BOUNCE";

    private static final String RECORD_END = "\r\n";

    private SesSuppressionCsv() {}

    /** The record of one suppression, line end included. */
    public static String record(final Suppression suppression) {
        return field(suppression.getAddress()) + "," + BOUNCE + RECORD_END;
    }

    /** {@code value} as one RFC 4180 field. */
    static String field(final String value) {
        final boolean quote = value.isEmpty()
                || !value.equals(value.strip())
                || value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
