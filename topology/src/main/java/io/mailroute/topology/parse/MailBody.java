package io.mailroute.topology.parse;

import io.mailroute.avro.Attachment;
import java.util.List;

/**
 * What the body walk found: the text body (HTML reduced to text, bounded by
 * {@link ParserSettings#maxBodyBytes()}) and attachment metadata. What a report says is read by
 * the bounce classifier from {@link ParsedMail#report()}.
 *
 * @param text        body text for matching; empty when the mail has none
 * @param attachments attachments in order
 * @param reportParts true when a part only reports carry was seen anywhere (message/delivery-status,
 *                    text/rfc822-headers), whatever the multipart around it
 * @param warnings    what was tolerated (skipped parts, undecodable content)
 */
public record MailBody(String text, List<Attachment> attachments, boolean reportParts, List<String> warnings) {
    public MailBody {
        attachments = List.copyOf(attachments);
        warnings = List.copyOf(warnings);
    }
}
