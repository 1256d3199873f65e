package io.mailroute.topology.bounce;

import io.mailroute.avro.Bounce;
import io.mailroute.topology.BounceDetector;
import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;
import io.mailroute.topology.match.TextSplit;
import io.mailroute.topology.match.Whitespace;
import io.mailroute.topology.parse.EncodedWords;
import io.mailroute.topology.parse.ParsedMail;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Classifies bounces the way Sisimai does: decides whether a mail is a bounce (an RFC 3464 DSN,
 * an MTA's plain-text bounce, an ARF feedback report or an auto-reply), finds each failed
 * recipient with its diagnostic text (RFC 3464 fields first, then the bounce text), and gives it a
 * reason in Sisimai's vocabulary with the hard/soft verdict. Stateless and thread-safe; never throws
 * for malformed mail (an unreadable mail is no bounce).
 */
public final class BounceClassifier implements BounceDetector {
    /*
     * The sender and subject patterns carry the words every one of their alternatives contains,
     * so that text without any of them is rejected without running the pattern (WordGuardedPatternTest).
     */
    static final WordGuardedPattern BOUNCE_SENDER = new WordGuardedPattern(LinearPattern.compile(
            "(?i)(?:mailer-daemon|post_?master|mail delivery (?:system|subsystem)|mail administrator|mdaemon|mail ?daemon|bounce"
                    + "|microsoftexchange|nobody@|mail-delivery|@.*notification|delivery ?status)"),
            "daemon", "master", "deliver", "administrator", "bounce", "microsoftexchange", "nobody@", "notification");
    static final WordGuardedPattern BOUNCE_SUBJECT = new WordGuardedPattern(LinearPattern.compile(
            "(?i)(?:undeliver|undelivered|delivery status notification|delivery (?:has )?fail|failure notice|returned mail"
                    + "|mail delivery failed|could not be delivered|non-?delivery|nondeliverable|unable to deliver|delivery notification"
                    + "|mail system error|returned to sender|delivery problem|delivery error|warning: could not send|message not delivered"
                    + "|rejected:|permanent error|mail could not|delivery report|bounce|notice of delivery|error sending|undeliverable"
                    + "|failed delivery|delivery incomplete|mail error|system administrator|dsn|not delivered|send failure"
                    + "|unzustellbar|non remis|non recapitabile|no se puede entregar|不達|エラー|届きません|returned)"),
            "deliver", "fail", "return", "error", "could not", "rejected", "bounce", "administrator", "dsn", "unzustellbar",
            "non remis", "recapitabile", "entregar", "不達", "エラー", "届きません");
    /** What an MTA writes when it reports a failure, for bounces whose sender and subject say nothing. */
    static final LinearPattern BOUNCE_TEXT = LinearPattern.compile(
            "(?i)(?:could not be delivered to|couldn't be delivered|was not delivered to|delivery to the following recipient"
                    + "|following addresses had|error message below|unable to deliver (?:your )?message|message could not be delivered"
                    + "|did not reach the following recipient)");
    static final WordGuardedPattern AUTO_REPLY_SUBJECT = new WordGuardedPattern(LinearPattern.compile(
            "(?i)^\\s*(?:auto(?:matic)? ?(?:reply|response|antwort)|auto:|out of (?:the )?office|vacation|away from|autoreply|"
                    + "absence|abwesenheit|réponse automatique|自動応答|自動返信|不在)"),
            "auto", "out of", "vacation", "away from", "absence", "abwesenheit", "réponse automatique", "自動", "不在");
    private static final LinearPattern FEEDBACK_TYPE = LinearPattern.compile("(?im)^Feedback-Type:\\s*([\\w-]+)");
    private static final LinearPattern ARF_RECIPIENT =
            LinearPattern.compile("(?im)^(?:Original-Rcpt-To|Removal-Recipient):\\s*(.+)$");
    private static final LinearPattern ADDRESS =
            LinearPattern.compile("[^\\s<>@\"(),;:]+@[A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9]");
    private static final LinearPattern REPORTING_MTA =
            LinearPattern.compile("(?im)^Reporting-MTA:\\s*(?:[^;\\n]*;)?\\s*(\\S+)");
    /**
     * Recipients read from one file (SES sends a message to at most 50): a hostile report naming
     * thousands must not multiply the work done for each.
     */
    static final int MAX_RECIPIENTS = 100;
    /** Characters of a diagnostic (or of the report, when it stands in for one) a reason is read from. */
    private static final int MAX_REASON_TEXT = 6000;

    private final ReasonClassifier reasons = new ReasonClassifier();

    @Override
    public List<Bounce> detect(final byte[] rawMail, final ParsedMail parsed) {
        try {
            return BounceSignals.present(rawMail, parsed) ? classify(rawMail) : List.of();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The reported recipients of the raw mail (of each mail when several follow one another); empty when it is no bounce. */
    public List<Bounce> classify(final byte[] raw) {
        final List<byte[]> mails = ConcatenatedMails.split(raw);
        if (mails.size() == 1) {
            return classifyOne(raw);
        }
        final List<Bounce> bounces = new ArrayList<>();
        for (int i = 0; i < mails.size() && bounces.size() < MAX_RECIPIENTS; i++) {
            bounces.addAll(classifyOne(mails.get(i)));
        }
        return bounces.size() > MAX_RECIPIENTS ? bounces.subList(0, MAX_RECIPIENTS) : bounces;
    }

    private List<Bounce> classifyOne(final byte[] raw) {
        final MailText mail = MailText.of(raw);
        final String subject = EncodedWords.decode(mail.headers().first("subject"));
        final String from = mail.headers().first("from");
        final SesNotification.Report ses = SesNotification.read(mail.report());
        if (ses != null && !ses.failures().isEmpty()) {
            return sesBounces(mail, ses);
        }
        if (isFeedback(mail)) {
            return feedback(mail);
        }
        final List<Failure> dsn = "delivery-status".equals(mail.reportType()) || mail.report().contains("Final-Recipient")
                || mail.report().contains("final-recipient")
                ? DeliveryStatusFields.read(mail.report()) : List.of();
        if (!dsn.isEmpty()) {
            return bounces(mail, withDiagnostics(dsn, mail), "dsn");
        }
        final boolean looksBounced = BOUNCE_SENDER.find(from) || BOUNCE_SUBJECT.find(subject)
                || !mail.headers().first("x-failed-recipients").isEmpty() || "delivery-status".equals(mail.reportType())
                || BOUNCE_TEXT.find(prefix(mail.report(), 4000));
        if (looksBounced) {
            final List<Failure> plain = plainFailures(mail);
            if (!plain.isEmpty()) {
                return bounces(mail, plain, "mta");
            }
        }
        return isAutoReply(mail, subject) ? autoReply(mail, from) : List.of();
    }

    private List<Failure> plainFailures(final MailText mail) {
        final Set<String> excluded = new HashSet<>();
        addresses(mail.headers().first("from"), excluded);
        addresses(mail.headers().first("to"), excluded);
        addresses(mail.originalHeaders().first("from"), excluded);
        addresses(mail.originalHeaders().first("return-path"), excluded);
        final String failedHeader = mail.headers().first("x-failed-recipients");
        List<Failure> failures = PlainTextFailures.read(mail.report(), excluded);
        if (!failedHeader.isEmpty()) {
            final String reportStatus = StatusCodes.status(mail.report());
            final List<Failure> named = new ArrayList<>();
            for (final String address : TextSplit.at(failedHeader, ',')) {
                final String a = address.strip();
                if (a.isEmpty()) {
                    continue;
                }
                if (named.size() == MAX_RECIPIENTS) {
                    break;
                }
                final Failure match = failures.stream().filter(f -> f.recipient().equalsIgnoreCase(a)).findFirst().orElse(null);
                named.add(match != null ? new Failure(a, match.status(), match.diagnostic(), "failed", null, null)
                        : new Failure(a, reportStatus, mail.report(), "failed", null, null));
            }
            failures = named;
        }
        if (failures.isEmpty()) {
            final String to = mail.originalHeaders().first("to");
            final LinearMatcher m = ADDRESS.matcher(to);
            if (m.find()) {
                failures = List.of(new Failure(m.group(), StatusCodes.status(mail.report()), mail.report(), "failed", null, null));
            }
        }
        return failures;
    }

    /** DSN recipients without a Diagnostic-Code take the report text about them. */
    private static List<Failure> withDiagnostics(final List<Failure> failures, final MailText mail) {
        final List<Failure> out = new ArrayList<>(failures.size());
        List<Failure> fromText = null;
        for (final Failure f : failures) {
            if (f.diagnostic() == null || f.diagnostic().isBlank()) {
                fromText = fromText != null ? fromText : PlainTextFailures.read(mail.report(), Set.of());
                final String text = fromText.stream().filter(t -> t.recipient().equalsIgnoreCase(f.recipient()))
                        .map(Failure::diagnostic).findFirst().orElse("");
                out.add(new Failure(f.recipient(), f.status(), text, f.action(), f.reportingMta(), f.feedbackType()));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    private List<Bounce> bounces(final MailText mail, final List<Failure> failures, final String kind) {
        final String messageId = originalMessageId(mail);
        final String originalSender = OriginalSender.of(mail);
        final LinearMatcher mta = REPORTING_MTA.matcher(mail.report());
        final String reportingMta = mta.find() ? mta.group(1) : null;
        final String reportCommand = SmtpCommand.in(mail.report().toLowerCase(Locale.ROOT));
        final List<Bounce> bounces = new ArrayList<>(Math.min(failures.size(), MAX_RECIPIENTS));
        final Map<Reading, String> readings = new HashMap<>();
        for (final Failure f : failures.subList(0, Math.min(failures.size(), MAX_RECIPIENTS))) {
            final String diagnostic = f.diagnostic() == null ? "" : Whitespace.collapse(f.diagnostic()).strip();
            final String read = prefix(diagnostic, MAX_REASON_TEXT);
            final String status = StatusCodes.prefer(f.status(), StatusCodes.find(read), StatusCodes.replyCode(read));
            String reason = readings.computeIfAbsent(new Reading(status, read, f.action()),
                    r -> r.reason(reasons, reportCommand));
            if (("onhold".equals(reason) || "undefined".equals(reason)) && "mta".equals(kind)) {
                final String whole = prefix(mail.report(), MAX_REASON_TEXT);
                final String again = readings.computeIfAbsent(
                        new Reading(status != null ? status : StatusCodes.status(whole), whole, f.action()),
                        r -> r.reason(reasons, reportCommand));
                if (!"onhold".equals(again) && !"undefined".equals(again)) {
                    reason = again;
                }
            }
            final String byHost = HostPatterns.get().reason(f.recipient(), f.remoteMta(),
                    f.reportingMta() != null ? f.reportingMta() : reportingMta, read.toLowerCase(Locale.ROOT));
            if (byHost != null) {
                reason = byHost;
            }
            if (("onhold".equals(reason) || "undefined".equals(reason))
                    && f.recipient().toLowerCase(Locale.ROOT).endsWith("@googlegroups.com")) {
                // Google Groups refuses posts from non-members in a localized text without codes.
                reason = "rejected";
            }
            final String replyCode = StatusCodes.replyCode(read);
            bounces.add(new Bounce(f.recipient(), reason, status, replyCode, ReasonClassifier.hard(reason, status, replyCode),
                    diagnostic.isEmpty() ? null : diagnostic, f.action(),
                    f.reportingMta() != null ? f.reportingMta() : reportingMta, messageId, f.feedbackType(), kind, originalSender));
        }
        return bounces;
    }

    /** What a reason is read from: the recipients of a report that share one are read once. */
    private record Reading(String status, String text, String action) {
        String reason(final ReasonClassifier reasons, final String reportCommand) {
            return reasons.reason(status, text, action, reportCommand);
        }
    }

    private List<Bounce> sesBounces(final MailText mail, final SesNotification.Report ses) {
        final List<Bounce> bounces = new ArrayList<>();
        for (final Bounce b : bounces(mail, ses.failures(), ses.kind())) {
            if ("feedback".equals(ses.kind())) {
                b.setReason("feedback");
                b.setHardBounce(false);
            }
            b.setOriginalMessageId(ses.messageId());
            if (ses.source() != null) {
                b.setOriginalSender(ses.source());
            }
            bounces.add(b);
        }
        return bounces;
    }

    private static boolean isFeedback(final MailText mail) {
        return "feedback-report".equals(mail.reportType()) || FEEDBACK_TYPE.find(mail.report())
                || !mail.originalHeaders().first("x-hmxmroriginalrecipient").isEmpty();
    }

    private List<Bounce> feedback(final MailText mail) {
        final LinearMatcher type = FEEDBACK_TYPE.matcher(mail.report());
        final String feedbackType = type.find() ? type.group(1).toLowerCase(Locale.ROOT) : "abuse";
        final List<String> recipients = new ArrayList<>();
        final LinearMatcher rcpt = ARF_RECIPIENT.matcher(mail.report());
        while (rcpt.find()) {
            final LinearMatcher a = ADDRESS.matcher(rcpt.group(1));
            while (a.find()) {
                recipients.add(a.group());
            }
        }
        if (recipients.isEmpty()) {
            // Hotmail's complaint mails name the complaining recipient in the returned headers only.
            final String hotmail = mail.originalHeaders().first("x-hmxmroriginalrecipient");
            final String named = hotmail.isEmpty() ? String.join(",", mail.originalHeaders().all("to")) : hotmail;
            final LinearMatcher a = ADDRESS.matcher(named);
            while (a.find()) {
                recipients.add(a.group());
            }
        }
        final List<Failure> failures = recipients.stream()
                .map(r -> new Failure(r, null, "", null, null, feedbackType)).toList();
        final List<Bounce> bounces = new ArrayList<>();
        for (final Bounce b : bounces(mail, failures, "feedback")) {
            b.setReason("feedback");
            b.setHardBounce(false);
            bounces.add(b);
        }
        return bounces;
    }

    private static boolean isAutoReply(final MailText mail, final String subject) {
        final String auto = mail.headers().first("auto-submitted").toLowerCase(Locale.ROOT);
        return auto.startsWith("auto-replied") || !mail.headers().first("x-autoreply").isEmpty()
                || !mail.headers().first("x-autorespond").isEmpty() || AUTO_REPLY_SUBJECT.find(subject);
    }

    private List<Bounce> autoReply(final MailText mail, final String from) {
        final LinearMatcher a = ADDRESS.matcher(from);
        if (!a.find()) {
            return List.of();
        }
        final String text = mail.report().strip();
        final String diagnostic = text.length() > 500 ? text.substring(0, 500) : text;
        return List.of(new Bounce(a.group(), "vacation", null, null, false,
                diagnostic.isEmpty() ? null : diagnostic, null, null, originalMessageId(mail), null, "autoreply",
                OriginalSender.of(mail)));
    }

    private static String originalMessageId(final MailText mail) {
        final String id = mail.originalHeaders().first("message-id");
        if (!id.isEmpty()) {
            return id;
        }
        final String inReplyTo = mail.headers().first("in-reply-to");
        return inReplyTo.isEmpty() ? null : inReplyTo;
    }

    private static String prefix(final String text, final int chars) {
        return text.length() > chars ? text.substring(0, chars) : text;
    }

    private static void addresses(final String header, final Set<String> into) {
        final LinearMatcher m = ADDRESS.matcher(header);
        while (m.find()) {
            into.add(m.group().toLowerCase(Locale.ROOT));
        }
    }
}
