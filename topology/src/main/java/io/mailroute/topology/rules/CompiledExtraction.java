package io.mailroute.topology.rules;

import io.mailroute.avro.Extraction;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A validated {@link Extraction} with its pattern compiled. */
record CompiledExtraction(Extraction extraction, Pattern pattern, boolean namedValue) {

    /** The first value found: group {@code value} if the pattern names one, else group 1. */
    Optional<String> find(final MailView mail) {
        for (final String candidate : mail.values(extraction.getFrom(), extraction.getHeader())) {
            if (candidate == null) {
                continue;
            }
            final Matcher m = pattern.matcher(candidate);
            if (m.find()) {
                final String value = namedValue ? m.group("value") : m.group(1);
                if (value != null && !value.isBlank()) {
                    return Optional.of(value.strip());
                }
            }
        }
        return Optional.empty();
    }
}
