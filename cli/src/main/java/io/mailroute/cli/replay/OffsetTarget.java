package io.mailroute.cli.replay;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.admin.OffsetSpec;

/** Where a replay starts: the earliest retained record, or the first record at or after a time. */
public record OffsetTarget(Instant time) {

    public static OffsetTarget earliest() {
        return new OffsetTarget(null);
    }

    /** A time in ISO 8601: with an offset ({@code 2026-11-23T08:00:00+09:00}, {@code ...Z}) or without (taken as UTC). */
    public static OffsetTarget at(final String iso) {
        try {
            return new OffsetTarget(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException withoutOffset) {
            try {
                return new OffsetTarget(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "'" + iso + "' is no ISO 8601 date-time such as 2026-11-23T08:00:00Z");
            }
        }
    }

    OffsetSpec spec() {
        return time == null ? OffsetSpec.earliest() : OffsetSpec.forTimestamp(time.toEpochMilli());
    }

    @Override
    public String toString() {
        return time == null ? "the earliest offset" : "the first record at or after " + time;
    }
}
