package io.mailroute.topology.rules;

import io.mailroute.avro.Address;
import io.mailroute.avro.Attachment;
import io.mailroute.avro.Bounce;
import io.mailroute.avro.MatchField;
import io.mailroute.topology.bouncereport.BounceAuthentication;
import io.mailroute.topology.bouncereport.BounceDetector;
import io.mailroute.topology.bouncereport.DetectedBounces;
import io.mailroute.topology.parse.EncodedWords;
import io.mailroute.topology.parse.ParsedMail;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed mail as conditions and extractions read it: every field as a list of candidate strings.
 * Header fields cost nothing; the body, attachments and bounce detection are computed on first
 * use and remembered. One per mail and attempt; not thread-safe.
 *
 * <p>Every byte of a mail comes from its sender, so candidates are bounded:
 * <ul>
 *   <li>a From or recipient address longer than {@value #MAX_ADDRESS_OCTETS} octets (UTF-8; RFC
 *       5321's limit) is no candidate at all: it is never cut, so {@code @amazon\.com$} cannot match
 *       the cut form of a longer address;</li>
 *   <li>where a rule needs only a prefix ({@link #prefixes}: CONTAINS conditions and patterns
 *       without {@code $} or {@code \z}, not negated), a subject is read up to its first
 *       {@value #SUBJECT_PREFIX} characters, a header value up to its first
 *       {@value #HEADER_PREFIX}, and the owner fallback searches the body up to its first
 *       {@value #OWNER_SEARCH_BODY_PREFIX}. A value is cut before a character that is no ASCII
 *       word character, so {@code \b} and {@code \B} see at the cut what they see in the whole
 *       value, and a match in the prefix is a match in the whole value. EXACT, negated
 *       conditions and patterns with {@code $} or {@code \z} read whole values.</li>
 * </ul>
 */
public final class MailView {
    /** RFC 5321's limit of a forward path; a longer address is no candidate. */
    public static final int MAX_ADDRESS_OCTETS = 254;
    /** Characters of a subject read where a rule needs only a prefix. */
    public static final int SUBJECT_PREFIX = 1_000;
    /** Characters of a header value read where a rule needs only a prefix. */
    public static final int HEADER_PREFIX = 4_000;
    /** Characters of the body text the owner fallback searches (whole when its pattern has {@code $} or {@code \z}). */
    public static final int OWNER_SEARCH_BODY_PREFIX = 32_000;

    private final ParsedMail mail;
    private final BounceDetector bounceDetector;
    private DetectedBounces detected;

    public MailView(final ParsedMail mail, final BounceDetector bounceDetector) {
        this.mail = mail;
        this.bounceDetector = bounceDetector;
    }

    public ParsedMail mail() {
        return mail;
    }

    /**
     * The bounces the {@link BounceDetector} reports, detected on first call, each marked with
     * whether its report is authenticated ({@link BounceAuthentication}).
     */
    public List<Bounce> bounces() {
        return detected().bounces();
    }

    /** Further recipients the bounce named beyond those in {@link #bounces()}. */
    public int bouncesOmitted() {
        return detected().omitted();
    }

    private DetectedBounces detected() {
        if (detected == null) {
            final DetectedBounces found = bounceDetector.detect(mail.raw(), mail);
            detected = new DetectedBounces(BounceAuthentication.mark(found.bounces(), mail.auth()), found.omitted());
        }
        return detected;
    }

    /**
     * The whole values a condition on {@code field} compares with; {@code header} names the header
     * for HEADER. Addresses longer than {@value #MAX_ADDRESS_OCTETS} octets are left out.
     */
    public List<String> values(final MatchField field, final String header) {
        return switch (field) {
            case FROM ->
                mail.from() == null || !isCandidate(mail.from().getAddress())
                        ? List.of()
                        : List.of(mail.from().getAddress());
            case RECIPIENT ->
                mail.recipients().stream()
                        .map(Address::getAddress)
                        .filter(MailView::isCandidate)
                        .toList();
            case SUBJECT -> mail.subject() == null ? List.of() : List.of(mail.subject());
            case BODY -> List.of(mail.body().text());
            case HEADER ->
                mail.headers().all(header).stream().map(EncodedWords::decode).toList();
            case SPF -> List.of(mail.auth().getSpf().name());
            case DKIM -> List.of(mail.auth().getDkim().name());
            case DMARC -> List.of(mail.auth().getDmarc().name());
            case SPAM -> List.of(mail.auth().getSpam().name());
            case VIRUS -> List.of(mail.auth().getVirus().name());
            case ATTACHMENT -> attachmentValues();
            case IS_BOUNCE -> List.of(Boolean.toString(!bounces().isEmpty()));
        };
    }

    /**
     * The values of {@code field} as far as a rule that needs only a prefix reads them: subjects cut
     * to {@value #SUBJECT_PREFIX} characters, header values to {@value #HEADER_PREFIX}, the other
     * fields whole (see the class comment).
     */
    public List<String> prefixes(final MatchField field, final String header) {
        return switch (field) {
            case SUBJECT -> cut(values(field, header), SUBJECT_PREFIX);
            case HEADER -> cut(values(field, header), HEADER_PREFIX);
            default -> values(field, header);
        };
    }

    /**
     * Where an owner fallback pattern searches, in order: the subject, then the body text; cut to
     * {@value #SUBJECT_PREFIX} and {@value #OWNER_SEARCH_BODY_PREFIX} characters unless {@code whole}.
     */
    public List<String> ownerSearchTexts(final boolean whole) {
        final List<String> texts =
                new ArrayList<>(whole ? values(MatchField.SUBJECT, null) : prefixes(MatchField.SUBJECT, null));
        final String body = mail.body().text();
        texts.add(whole ? body : Prefix.of(body, OWNER_SEARCH_BODY_PREFIX));
        return texts;
    }

    private static List<String> cut(final List<String> values, final int chars) {
        return values.stream().map(value -> Prefix.of(value, chars)).toList();
    }

    private static boolean isCandidate(final String address) {
        return address != null
                && address.length() <= MAX_ADDRESS_OCTETS
                && address.getBytes(StandardCharsets.UTF_8).length <= MAX_ADDRESS_OCTETS;
    }

    private List<String> attachmentValues() {
        final List<String> values = new ArrayList<>();
        for (final Attachment attachment : mail.body().attachments()) {
            if (attachment.getFileName() != null) {
                values.add(attachment.getFileName());
            }
            values.add(attachment.getContentType());
        }
        return values;
    }
}
