package io.mailroute.topology.bouncereport;

import io.mailroute.avro.Bounce;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link BounceDetector} found in one mail: at most the parser's
 * {@link io.mailroute.topology.parse.ParserSettings#maxBounceRecipients()} recipients, each
 * diagnostic at most {@link #MAX_DIAGNOSTIC_CHARS} characters, and how many further recipients the
 * mail named.
 *
 * @param bounces the reported recipients kept, in report order; empty when the mail is no bounce
 * @param omitted further recipients reported beyond those kept
 */
public record DetectedBounces(List<Bounce> bounces, int omitted) {
    /** The longest diagnostic kept per recipient. */
    public static final int MAX_DIAGNOSTIC_CHARS = 1_000;
    /** No bounce. */
    public static final DetectedBounces NONE = new DetectedBounces(List.of(), 0);

    public DetectedBounces {
        bounces = List.copyOf(bounces);
    }

    /** The first {@code max} of {@code all} with their diagnostics clipped, the rest counted. */
    public static DetectedBounces first(final List<Bounce> all, final int max) {
        final List<Bounce> kept = new ArrayList<>(Math.min(all.size(), max));
        for (final Bounce bounce : all.subList(0, Math.min(all.size(), max))) {
            final String diagnostic = bounce.getDiagnostic();
            kept.add(
                    diagnostic == null || diagnostic.length() <= MAX_DIAGNOSTIC_CHARS
                            ? bounce
                            : Bounce.newBuilder(bounce)
                                    .setDiagnostic(clip(diagnostic))
                                    .build());
        }
        return new DetectedBounces(kept, all.size() - kept.size());
    }

    /** The diagnostic cut to {@link #MAX_DIAGNOSTIC_CHARS}, never inside a surrogate pair. */
    public static String clip(final String diagnostic) {
        if (diagnostic == null || diagnostic.length() <= MAX_DIAGNOSTIC_CHARS) {
            return diagnostic;
        }
        final int end = Character.isHighSurrogate(diagnostic.charAt(MAX_DIAGNOSTIC_CHARS - 1))
                ? MAX_DIAGNOSTIC_CHARS - 1
                : MAX_DIAGNOSTIC_CHARS;
        return diagnostic.substring(0, end);
    }
}
