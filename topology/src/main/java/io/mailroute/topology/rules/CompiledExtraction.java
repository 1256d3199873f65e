package io.mailroute.topology.rules;

import io.mailroute.avro.Extraction;
import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;
import java.util.List;
import java.util.Optional;

/** A validated {@link Extraction} with its pattern compiled. */
record CompiledExtraction(Extraction extraction, LinearPattern pattern, boolean namedValue) {

    /**
     * The first value found: group {@code value} if the pattern names one, else group 1. A pattern
     * without {@code $} reads the prefixes of the candidates ({@link MailView#prefixes}).
     */
    Optional<String> find(final MailView mail) {
        final List<String> candidates = pattern.seesTextEnd()
                ? mail.values(extraction.getFrom(), extraction.getHeader())
                : mail.prefixes(extraction.getFrom(), extraction.getHeader());
        for (final String candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            final LinearMatcher m = pattern.matcher(candidate);
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
