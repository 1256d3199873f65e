package io.mailroute.connectors.smtp;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Severity;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the notice for one (mail, owner): sender by severity, subject and body from the
 * templates in the owner's locale, the original mail attached as {@code message/rfc822}, the
 * {@value #MAIL_ID_HEADER} header and a Message-ID derived from (mailId, ownerId) alone, so that a
 * notice sent again is recognisably the same message.
 */
final class NoticeComposer {
    static final String MAIL_ID_HEADER = "X-Mailroute-Mail-Id";
    static final String OWNER_ID_HEADER = "X-Mailroute-Owner-Id";
    static final String ATTACHMENT_NAME = "original.eml";
    private static final DateTimeFormatter RECEIVED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final SmtpSinkConfig config;
    private final NoticeTemplates templates;
    private final Session session;

    NoticeComposer(final SmtpSinkConfig config, final NoticeTemplates templates, final Session session) {
        this.config = config;
        this.templates = templates;
        this.session = session;
    }

    /** What to attach: the original's bytes, or why there are none. */
    record Original(Optional<byte[]> content, String missingReason) {
        static Original of(final byte[] content) {
            return new Original(Optional.of(content), "");
        }

        static Original missing(final String reason) {
            return new Original(Optional.empty(), reason);
        }
    }

    /** The sender of a notice of {@code severity}: {@code from.urgent} for HIGH and URGENT. */
    String sender(final Severity severity) {
        return severity == Severity.URGENT || severity == Severity.HIGH ? config.fromUrgent() : config.fromDefault();
    }

    /** {@code <hex@domain>}: the same (mailId, ownerId) always gives the same Message-ID. */
    static String messageId(final String mailId, final String ownerId, final String domain) {
        try {
            final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(mailId.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update((ownerId == null ? "" : ownerId).getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(sha256.digest(), 0, 20) + ".notice@" + domain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** The notice for {@code mail} to {@code recipients}, ready to send. */
    MimeMessage compose(final ClassifiedMail mail, final List<String> recipients, final Original original)
            throws MessagingException {
        final String locale = mail.getOwnerContacts() == null
                ? config.defaultLocale()
                : mail.getOwnerContacts().getLocale();
        final Map<String, String> values = values(mail);
        values.put(
                "attachment",
                original.content().isPresent()
                        ? templates.fragment("attached", locale, values)
                        : templates.fragment("not-attached", locale, Map.of("reason", original.missingReason())));
        final NoticeTemplates.Rendered rendered = templates.render(mail.getCategory(), locale, values);

        final MimeMessage message =
                new NoticeMessage(session, messageId(mail.getMailId(), mail.getOwnerId(), config.messageIdDomain()));
        message.setFrom(new InternetAddress(sender(mail.getSeverity()), true));
        message.setRecipients(Message.RecipientType.TO, addresses(recipients));
        if (config.replyTo().isPresent()) {
            message.setReplyTo(
                    new InternetAddress[] {new InternetAddress(config.replyTo().get(), true)});
        }
        message.setSubject(rendered.subject(), "UTF-8");
        message.setSentDate(new Date());
        message.setHeader(MAIL_ID_HEADER, mail.getMailId());
        if (mail.getOwnerId() != null) {
            message.setHeader(OWNER_ID_HEADER, mail.getOwnerId());
        }
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("Content-Language", rendered.locale());
        if (mail.getSeverity() == Severity.URGENT || mail.getSeverity() == Severity.HIGH) {
            message.setHeader("Importance", "high");
        }

        final MimeBodyPart text = new MimeBodyPart();
        text.setText(rendered.body(), "UTF-8");
        if (original.content().isEmpty()) {
            message.setContent(new MimeMultipart(text));
        } else {
            final MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(
                    new DataHandler(new ByteArrayDataSource(original.content().get(), "message/rfc822")));
            attachment.setFileName(ATTACHMENT_NAME);
            attachment.setDisposition(MimeBodyPart.ATTACHMENT);
            message.setContent(new MimeMultipart(text, attachment));
        }
        message.saveChanges();
        return message;
    }

    private Map<String, String> values(final ClassifiedMail mail) {
        final Map<String, String> values = new HashMap<>();
        final String ownerId = mail.getOwnerId() == null ? "" : mail.getOwnerId();
        String ownerName = mail.getOwnerName();
        if (ownerName == null && mail.getOwnerContacts() != null) {
            ownerName = mail.getOwnerContacts().getName();
        }
        values.put("ownerId", ownerId);
        values.put("ownerName", ownerName == null || ownerName.isBlank() ? ownerId : ownerName);
        values.put("mailId", mail.getMailId());
        values.put("category", mail.getCategory());
        values.put("severity", mail.getSeverity().name());
        values.put("subject", mail.getSubject() == null ? "" : mail.getSubject());
        values.put("from", mail.getFrom() == null ? "" : mail.getFrom().getRaw().toString());
        values.put("receivedAt", format(mail.getReceivedAt()));
        values.put("excerpt", mail.getTextExcerpt() == null ? "" : mail.getTextExcerpt());
        mail.getExtracted().forEach((k, v) -> values.putIfAbsent(k.toString(), v.toString()));
        return values;
    }

    private static String format(final Instant at) {
        return at == null ? "" : RECEIVED_AT.format(at);
    }

    private static InternetAddress[] addresses(final List<String> recipients) throws AddressException {
        final List<InternetAddress> addresses = new ArrayList<>(recipients.size());
        for (final String recipient : recipients) {
            addresses.add(new InternetAddress(recipient, false));
        }
        return addresses.toArray(InternetAddress[]::new);
    }

    /** A MimeMessage whose Message-ID is given, not generated by {@link MimeMessage#saveChanges()}. */
    static final class NoticeMessage extends MimeMessage {
        private final String messageId;

        NoticeMessage(final Session session, final String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
