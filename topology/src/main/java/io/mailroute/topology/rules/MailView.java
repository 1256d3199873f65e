package io.mailroute.topology.rules;

import io.mailroute.avro.Address;
import io.mailroute.avro.Attachment;
import io.mailroute.avro.Bounce;
import io.mailroute.avro.MatchField;
import io.mailroute.topology.BounceDetector;
import io.mailroute.topology.DetectedBounces;
import io.mailroute.topology.bounce.BounceAuthentication;
import io.mailroute.topology.parse.EncodedWords;
import io.mailroute.topology.parse.ParsedMail;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed mail as conditions and extractions read it: every field as a list of candidate strings.
 * Header fields cost nothing; the body, attachments and bounce detection are computed on first
 * use and remembered. One per mail and attempt; not thread-safe.
 */
public final class MailView {
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

    /** The values a condition on {@code field} compares with; {@code header} names the header for HEADER. */
    public List<String> values(final MatchField field, final String header) {
        return switch (field) {
            case FROM -> mail.from() == null ? List.of() : List.of(mail.from().getAddress());
            case RECIPIENT -> mail.recipients().stream().map(Address::getAddress).toList();
            case SUBJECT -> mail.subject() == null ? List.of() : List.of(mail.subject());
            case BODY -> List.of(mail.body().text());
            case HEADER -> mail.headers().all(header).stream().map(EncodedWords::decode).toList();
            case SPF -> List.of(mail.auth().getSpf().name());
            case DKIM -> List.of(mail.auth().getDkim().name());
            case DMARC -> List.of(mail.auth().getDmarc().name());
            case SPAM -> List.of(mail.auth().getSpam().name());
            case VIRUS -> List.of(mail.auth().getVirus().name());
            case ATTACHMENT -> attachmentValues();
            case IS_BOUNCE -> List.of(Boolean.toString(!bounces().isEmpty()));
        };
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
