package io.mailroute.topology.parse;

import io.mailroute.avro.Attachment;
import io.mailroute.avro.Bounce;
import java.util.List;

/**
 * What the body walk found: the text body (HTML reduced to text, bounded by
 * {@link ParserSettings#maxBodyBytes()}), attachment metadata, and the recipients of a delivery
 * status notification.
 *
 * @param text        body text for matching; empty when the mail has none
 * @param attachments attachments in order
 * @param dsn         true when the mail is a multipart/report of report-type delivery-status
 * @param dsnBounces  recipients reported by the delivery-status part
 * @param reportParts true when a part only reports carry was seen anywhere (message/delivery-status,
 *                    text/rfc822-headers), whatever the multipart around it
 * @param warnings    what was tolerated (skipped parts, undecodable content)
 */
public record MailBody(String text, List<Attachment> attachments, boolean dsn, List<Bounce> dsnBounces, boolean reportParts,
                       List<String> warnings) {
    public MailBody {
        attachments = List.copyOf(attachments);
        dsnBounces = List.copyOf(dsnBounces);
        warnings = List.copyOf(warnings);
    }
}
