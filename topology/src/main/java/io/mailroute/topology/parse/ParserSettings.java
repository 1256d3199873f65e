package io.mailroute.topology.parse;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the mail parser reads input, in the manner of mime4j's {@code MimeConfig}: immutable, with
 * explicit limits and a malformed-input policy. {@link #LENIENT} is what the topology uses: it
 * reads what it can, truncates what is too large and records a warning; {@link #STRICT} rejects
 * the same input with a {@link MailParseException}.
 *
 * @param lenient           true to tolerate malformed input (and over-limit input, truncated)
 * @param maxHeaderCount    header fields read per header block; more are ignored (lenient) or rejected
 * @param maxHeaderBytes    bytes of one header block; beyond it the rest is treated as body (lenient)
 * @param maxHeaderValueBytes bytes of one (unfolded) header field value; longer values are truncated
 * @param maxPartDepth      nesting of multiparts walked; deeper parts are skipped (lenient)
 * @param maxParts          body parts walked in total; further parts are skipped (lenient)
 * @param maxBodyBytes      decoded bytes of one text part read for the body text rules match on
 * @param excerptChars      characters of body text kept in the output excerpt
 * @param maxBounceRecipients failed recipients read from one bounce mail; the rest are only counted
 * @param trustedAuthservIds authserv-ids (lower case) of the receiving servers whose topmost
 *                          {@code Authentication-Results} field is believed; see {@link AuthVerdictParser}
 */
public record ParserSettings(
        boolean lenient,
        int maxHeaderCount,
        int maxHeaderBytes,
        int maxHeaderValueBytes,
        int maxPartDepth,
        int maxParts,
        int maxBodyBytes,
        int excerptChars,
        int maxBounceRecipients,
        Set<String> trustedAuthservIds) {
    /** The receiving server mailroute is built for: Amazon SES. */
    public static final Set<String> SES_AUTHSERV_IDS = Set.of("amazonses.com");

    /** Reads what it can: the topology's choice, since every mail must reach an outcome. */
    public static final ParserSettings LENIENT =
            new ParserSettings(true, 1_000, 512 * 1024, 64 * 1024, 12, 500, 256 * 1024, 2_000, 100, SES_AUTHSERV_IDS);

    /** Rejects malformed or over-limit input. */
    public static final ParserSettings STRICT =
            new ParserSettings(false, 200, 64 * 1024, 16 * 1024, 6, 100, 256 * 1024, 2_000, 100, SES_AUTHSERV_IDS);

    public ParserSettings {
        requirePositive("maxHeaderCount", maxHeaderCount);
        requirePositive("maxHeaderBytes", maxHeaderBytes);
        requirePositive("maxHeaderValueBytes", maxHeaderValueBytes);
        requirePositive("maxPartDepth", maxPartDepth);
        requirePositive("maxParts", maxParts);
        requirePositive("maxBodyBytes", maxBodyBytes);
        requirePositive("excerptChars", excerptChars);
        requirePositive("maxBounceRecipients", maxBounceRecipients);
        trustedAuthservIds = trustedAuthservIds.stream()
                .map(id -> id.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder starting from {@link #LENIENT}. */
    public static Builder builder() {
        return new Builder(LENIENT);
    }

    private static void requirePositive(final String name, final int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** Builds {@link ParserSettings}. */
    public static final class Builder {
        private boolean lenient;
        private int maxHeaderCount;
        private int maxHeaderBytes;
        private int maxHeaderValueBytes;
        private int maxPartDepth;
        private int maxParts;
        private int maxBodyBytes;
        private int excerptChars;
        private int maxBounceRecipients;
        private Set<String> trustedAuthservIds;

        private Builder(final ParserSettings from) {
            lenient = from.lenient;
            maxHeaderCount = from.maxHeaderCount;
            maxHeaderBytes = from.maxHeaderBytes;
            maxHeaderValueBytes = from.maxHeaderValueBytes;
            maxPartDepth = from.maxPartDepth;
            maxParts = from.maxParts;
            maxBodyBytes = from.maxBodyBytes;
            excerptChars = from.excerptChars;
            maxBounceRecipients = from.maxBounceRecipients;
            trustedAuthservIds = from.trustedAuthservIds;
        }

        public Builder lenient(final boolean value) {
            lenient = value;
            return this;
        }

        public Builder maxHeaderCount(final int value) {
            maxHeaderCount = value;
            return this;
        }

        public Builder maxHeaderBytes(final int value) {
            maxHeaderBytes = value;
            return this;
        }

        public Builder maxHeaderValueBytes(final int value) {
            maxHeaderValueBytes = value;
            return this;
        }

        public Builder maxPartDepth(final int value) {
            maxPartDepth = value;
            return this;
        }

        public Builder maxParts(final int value) {
            maxParts = value;
            return this;
        }

        public Builder maxBodyBytes(final int value) {
            maxBodyBytes = value;
            return this;
        }

        public Builder excerptChars(final int value) {
            excerptChars = value;
            return this;
        }

        public Builder maxBounceRecipients(final int value) {
            maxBounceRecipients = value;
            return this;
        }

        public Builder trustedAuthservIds(final Set<String> value) {
            trustedAuthservIds = value;
            return this;
        }

        public ParserSettings build() {
            return new ParserSettings(
                    lenient,
                    maxHeaderCount,
                    maxHeaderBytes,
                    maxHeaderValueBytes,
                    maxPartDepth,
                    maxParts,
                    maxBodyBytes,
                    excerptChars,
                    maxBounceRecipients,
                    trustedAuthservIds);
        }
    }
}
