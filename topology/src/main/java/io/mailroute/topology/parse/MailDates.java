package io.mailroute.topology.parse;

import jakarta.mail.internet.MailDateFormat;
import java.text.ParsePosition;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;

/** Reads Date headers: RFC 5322 dates directly, obsolete and sloppy forms through Angus's lenient format. */
final class MailDates {
    private MailDates() {}

    static Long parse(final String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        final String text = stripComment(value.strip());
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            final Date date = new MailDateFormat().parse(text, new ParsePosition(0));
            return date == null ? null : date.getTime();
        }
    }

    private static String stripComment(final String text) {
        final int open = text.indexOf('(');
        return open > 0 ? text.substring(0, open).strip() : text;
    }
}
