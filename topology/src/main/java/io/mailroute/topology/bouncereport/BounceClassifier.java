package io.mailroute.topology.bouncereport;

import io.mailroute.avro.Bounce;
import io.mailroute.topology.bouncereport.lhost.Lhosts;
import io.mailroute.topology.bouncereport.reason.Reasons;
import io.mailroute.topology.bouncereport.rhost.Rhosts;
import io.mailroute.topology.budget.MailBudget;
import io.mailroute.topology.match.LinearMatcher;
import io.mailroute.topology.match.LinearPattern;
import io.mailroute.topology.match.TextSplit;
import io.mailroute.topology.match.Whitespace;
import io.mailroute.topology.parse.EncodedWords;
import io.mailroute.topology.parse.MailReport;
import io.mailroute.topology.parse.ParsedMail;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies bounces the way Sisimai does: decides whether a mail is a bounce (an RFC 3464 DSN,
 * an MTA's plain-text bounce, an ARF feedback report or an auto-reply), finds each failed
 * recipient with its diagnostic text (an MTA's own format first, see {@link Lhosts}, then RFC 3464
 * fields, then the bounce text), and gives it a reason in Sisimai's vocabulary with the hard/soft
 * verdict. Stateless and thread-safe; never throws for malformed mail (an unreadable mail is no
 * bounce).
 */
public final class BounceClassifier implements BounceDetector {
    /*
     * The sender and subject patterns carry the words every one of their alternatives contains,
     * so that text without any of them is rejected without running the pattern (WordGuardedPatternTest).
     */
    static final WordGuardedPattern BOUNCE_SENDER = new WordGuardedPattern(
            LinearPattern.compile(
                    "(?i)(?:mailer-daemon|post_?master|mail delivery (?:system|subsystem)|mail administrator|mdaemon|mail ?daemon|bounce"
                            + "|microsoftexchange|nobody@|mail-delivery|@.*notification|delivery ?status)"),
            "daemon",
            "master",
            "deliver",
            "administrator",
            "bounce",
            "microsoftexchange",
            "nobody@",
            "notification");
    static final WordGuardedPattern BOUNCE_SUBJECT = new WordGuardedPattern(
            LinearPattern.compile(
                    "(?i)(?:undeliver|undelivered|delivery status notification|delivery (?:has )?fail|failure notice|returned mail"
                            + "|mail delivery failed|could not be delivered|non-?delivery|nondeliverable|unable to deliver|delivery notification"
                            + "|mail system error|returned to sender|delivery problem|delivery error|warning: could not send|message not delivered"
                            + "|rejected:|permanent error|mail could not|delivery report|bounce|notice of delivery|error sending|undeliverable"
                            + "|failed delivery|delivery incomplete|mail error|system administrator|dsn|not delivered|send failure"
                            + "|unzustellbar|non remis|non recapitabile|no se puede entregar|不達|エラー|届きません|returned)"),
            "deliver",
            "fail",
            "return",
            "error",
            "could not",
            "rejected",
            "bounce",
            "administrator",
            "dsn",
            "unzustellbar",
            "non remis",
            "recapitabile",
            "entregar",
            "不達",
            "エラー",
            "届きません");
    /** What an MTA writes when it reports a failure, for bounces whose sender and subject say nothing. */
    static final LinearPattern BOUNCE_TEXT = LinearPattern.compile(
            "(?i)(?:could not be delivered to|couldn't be delivered|was not delivered to|delivery to the following recipient"
                    + "|following addresses had|error message below|unable to deliver (?:your )?message|message could not be delivered"
                    + "|did not reach the following recipient)");

    static final WordGuardedPattern AUTO_REPLY_SUBJECT = new WordGuardedPattern(
            LinearPattern.compile(
                    "(?i)^\\s*(?:auto(?:matic)? ?(?:reply|response|antwort)|auto:|out of (?:the )?office|vacation|away from|autoreply|"
                            + "absence|abwesenheit|réponse automatique|自動応答|自動返信|不在)"),
            "auto",
            "out of",
            "vacation",
            "away from",
            "absence",
            "abwesenheit",
            "réponse automatique",
            "自動",
            "不在");
    private static final LinearPattern FEEDBACK_TYPE = LinearPattern.compile("(?im)^Feedback-Type:\\s*([\\w-]+)");
    private static final LinearPattern ARF_RECIPIENT =
            LinearPattern.compile("(?im)^(?:Original-Rcpt-To|Removal-Recipient):\\s*(.+)$");
    private static final LinearPattern ADDRESS =
            LinearPattern.compile("[^\\s<>@\"(),;:]+@[A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9]");
    private static final LinearPattern REPORTING_MTA =
            LinearPattern.compile("(?im)^Reporting-MTA:\\s*(?:[^;\\n]*;)?\\s*(\\S+)");
    /** Characters of a diagnostic (or of the report, when it stands in for one) a reason is read from. */
    private static final int MAX_REASON_TEXT = 6000;
    /** Characters of the report the SMTP command it names is read from: a transcript comes before the returned mail. */
    private static final int MAX_COMMAND_TEXT = 64 * 1024;

    private final ReasonClassifier reasons = new ReasonClassifier();

    @Override
    public DetectedBounces detect(final byte[] rawMail, final ParsedMail parsed) {
        try {
            return BounceSignals.present(rawMail, parsed) ? classify(parsed) : DetectedBounces.NONE;
        } catch (RuntimeException e) {
            return DetectedBounces.NONE;
        }
    }

    /**
     * The reported recipients of the mail (of each mail when several follow one another), read
     * within the limits it was parsed under; none when it is no bounce. Once the recipients kept
     * are as many as the limits allow, later mails of a concatenation are not read.
     */
    public DetectedBounces classify(final ParsedMail parsed) {
        final List<ParsedMail> mails = ConcatenatedMails.split(parsed);
        if (mails.size() == 1) {
            return classifyOne(mails.get(0));
        }
        final int max = parsed.settings().maxBounceRecipients();
        final List<Bounce> bounces = new ArrayList<>();
        int omitted = 0;
        for (final ParsedMail mail : mails) {
            if (bounces.size() >= max) {
                break;
            }
            MailBudget.check();
            final DetectedBounces one = classifyOne(mail);
            bounces.addAll(one.bounces());
            omitted += one.omitted();
        }
        final DetectedBounces kept = DetectedBounces.first(bounces, max);
        return new DetectedBounces(kept.bounces(), kept.omitted() + omitted);
    }

    private DetectedBounces classifyOne(final ParsedMail parsed) {
        final MailReport mail = parsed.report();
        final int max = parsed.settings().maxBounceRecipients();
        final String subject = EncodedWords.decode(mail.headers().firstOrEmpty("subject"));
        final String from = mail.headers().firstOrEmpty("from");
        final SesNotification.Report ses = SesNotification.read(mail.text());
        if (ses != null && !ses.failures().isEmpty()) {
            return sesBounces(mail, ses, max);
        }
        if (isFeedback(mail)) {
            return feedback(mail, max);
        }
        final Optional<List<Failure>> byMta = Lhosts.inspect(mail);
        if (byMta.isPresent()) {
            final List<Failure> kept = first(byMta.get(), max);
            return bounces(mail, kept, "mta", byMta.get().size() - kept.size());
        }
        final List<Failure> dsn = "delivery-status".equals(mail.reportType())
                        || mail.text().contains("Final-Recipient")
                        || mail.text().contains("final-recipient")
                ? DeliveryStatusFields.read(mail.text())
                : List.of();
        if (!dsn.isEmpty()) {
            final List<Failure> kept = first(dsn, max);
            return bounces(mail, withDiagnostics(kept, mail), "dsn", dsn.size() - kept.size());
        }
        final boolean looksBounced = BOUNCE_SENDER.find(from)
                || BOUNCE_SUBJECT.find(subject)
                || !mail.headers().firstOrEmpty("x-failed-recipients").isEmpty()
                || "delivery-status".equals(mail.reportType())
                || BOUNCE_TEXT.find(prefix(mail.text(), 4000));
        if (looksBounced) {
            final List<Failure> plain = plainFailures(mail);
            if (!plain.isEmpty()) {
                final List<Failure> kept = first(plain, max);
                return bounces(mail, kept, "mta", plain.size() - kept.size());
            }
        }
        return isAutoReply(mail, subject) ? autoReply(mail, from) : DetectedBounces.NONE;
    }

    /** The failures the limits let through, before any work is done per recipient. */
    private static List<Failure> first(final List<Failure> failures, final int max) {
        return failures.size() <= max ? failures : failures.subList(0, max);
    }

    private static List<Failure> plainFailures(final MailReport mail) {
        final Set<String> excluded = new HashSet<>();
        addresses(mail.headers().firstOrEmpty("from"), excluded);
        addresses(mail.headers().firstOrEmpty("to"), excluded);
        addresses(mail.originalHeaders().firstOrEmpty("from"), excluded);
        addresses(mail.originalHeaders().firstOrEmpty("return-path"), excluded);
        final String failedHeader = mail.headers().firstOrEmpty("x-failed-recipients");
        final List<Failure> failures = PlainTextFailures.read(mail.text(), excluded);
        if (!failedHeader.isEmpty()) {
            return named(failedHeader, failures, mail.text());
        }
        if (failures.isEmpty()) {
            final String to = mail.originalHeaders().firstOrEmpty("to");
            final LinearMatcher m = ADDRESS.matcher(to);
            if (m.find()) {
                return List.of(
                        new Failure(m.group(), StatusCodes.status(mail.text()), mail.text(), "failed", null, null));
            }
        }
        return failures;
    }

    /**
     * The recipients an {@code X-Failed-Recipients} header names, each with what the text says
     * about it, else with the whole report (one shared string, read once however many it names).
     */
    private static List<Failure> named(final String header, final List<Failure> inText, final String report) {
        final Map<String, Failure> byAddress = new HashMap<>();
        inText.forEach(f -> byAddress.putIfAbsent(f.recipient().toLowerCase(Locale.ROOT), f));
        final List<Failure> named = new ArrayList<>();
        String reportStatus = null;
        boolean reportRead = false;
        for (final String address : TextSplit.at(header, ',')) {
            final String a = address.strip();
            if (a.isEmpty()) {
                continue;
            }
            final Failure match = byAddress.get(a.toLowerCase(Locale.ROOT));
            if (match != null) {
                named.add(new Failure(a, match.status(), match.diagnostic(), "failed", null, null));
            } else {
                if (!reportRead) {
                    reportStatus = StatusCodes.status(report);
                    reportRead = true;
                }
                named.add(new Failure(a, reportStatus, report, "failed", null, null));
            }
        }
        return named;
    }

    /** DSN recipients without a Diagnostic-Code take the report text about them (the text read once). */
    private static List<Failure> withDiagnostics(final List<Failure> failures, final MailReport mail) {
        final List<Failure> out = new ArrayList<>(failures.size());
        Map<String, String> fromText = null;
        for (final Failure f : failures) {
            if (f.diagnostic() == null || f.diagnostic().isBlank()) {
                if (fromText == null) {
                    fromText = new HashMap<>();
                    for (final Failure t : PlainTextFailures.read(mail.text(), Set.of())) {
                        fromText.putIfAbsent(t.recipient().toLowerCase(Locale.ROOT), t.diagnostic());
                    }
                }
                final String text = fromText.getOrDefault(f.recipient().toLowerCase(Locale.ROOT), "");
                out.add(new Failure(f.recipient(), f.status(), text, f.action(), f.reportingMta(), f.feedbackType()));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * One bounce per failure. What is read from a diagnostic (its status, its reason) is read once
     * per distinct text, so a report shared by many recipients costs one reading, not one each.
     */
    private DetectedBounces bounces(
            final MailReport mail, final List<Failure> failures, final String kind, final int omitted) {
        final String messageId = originalMessageId(mail);
        final String originalSender = OriginalSender.of(mail);
        final LinearMatcher mta = REPORTING_MTA.matcher(mail.text());
        final String reportingMta = mta.find() ? mta.group(1) : null;
        final String reportCommand =
                SmtpCommand.in(prefix(mail.text(), MAX_COMMAND_TEXT).toLowerCase(Locale.ROOT));
        final Map<String, Diagnostic> diagnostics = new HashMap<>();
        final Map<List<String>, String> reasonsRead = new HashMap<>();
        final List<Bounce> bounces = new ArrayList<>(failures.size());
        for (final Failure f : failures) {
            MailBudget.check();
            final Diagnostic diagnostic =
                    diagnostics.computeIfAbsent(f.diagnostic() == null ? "" : f.diagnostic(), Diagnostic::of);
            final String status = StatusCodes.prefer(f.status(), diagnostic.status(), diagnostic.replyCode());
            final String command = f.command() != null
                    ? f.command()
                    : diagnostic.command() != null ? diagnostic.command() : reportCommand;
            String reason = reasonsRead.computeIfAbsent(
                    Arrays.asList(status, diagnostic.text(), f.action(), command),
                    k -> reasons.reason(status, diagnostic.text(), f.action(), command));
            if (("onhold".equals(reason) || "undefined".equals(reason)) && "mta".equals(kind)) {
                final String again = reasonsRead.computeIfAbsent(
                        Arrays.asList(status, null, f.action(), command),
                        k -> wholeReportReason(mail, status, f.action(), command));
                if (!"onhold".equals(again) && !"undefined".equals(again)) {
                    reason = again;
                }
            }
            if (f.reason() != null && (!Reasons.reexamined(f.reason()) || !Reasons.probedBefore(reason, f.reason()))) {
                reason = f.reason();
            }
            final String byHost = Rhosts.reason(
                    f.recipient(),
                    f.remoteMta(),
                    f.reportingMta() != null ? f.reportingMta() : reportingMta,
                    status,
                    command,
                    diagnostic.keptLowerCase());
            if (byHost != null) {
                reason = byHost;
            }
            if (("onhold".equals(reason) || "undefined".equals(reason))
                    && f.recipient().toLowerCase(Locale.ROOT).endsWith("@googlegroups.com")) {
                // Google Groups refuses posts from non-members in a localized text without codes.
                reason = "rejected";
            }
            bounces.add(Bounce.newBuilder()
                    .setRecipient(f.recipient())
                    .setReason(reason)
                    .setStatus(status)
                    .setReplyCode(diagnostic.replyCode())
                    .setHardBounce(HardBounce.of(reason, status, diagnostic.replyCode(), diagnostic.keptLowerCase()))
                    .setDiagnostic(diagnostic.kept())
                    .setAction(f.action())
                    .setReportingMta(f.reportingMta() != null ? f.reportingMta() : reportingMta)
                    .setOriginalMessageId(messageId)
                    .setFeedbackType(f.feedbackType())
                    .setKind(kind)
                    .setOriginalSender(originalSender)
                    .build());
        }
        return new DetectedBounces(bounces, omitted);
    }

    /** The reason the start of the whole report gives, for a plain-text bounce whose diagnostic gives none. */
    private String wholeReportReason(
            final MailReport mail, final String status, final String action, final String command) {
        final String whole = prefix(mail.text(), MAX_REASON_TEXT);
        return reasons.reason(status != null ? status : StatusCodes.status(whole), whole, action, command);
    }

    /**
     * A diagnostic as read once: blanks collapsed, the codes in its first {@link #MAX_REASON_TEXT}
     * characters (which the reason and the SMTP command are read from too), and the part kept on the bounce (at most
     * {@link DetectedBounces#MAX_DIAGNOSTIC_CHARS} characters, null when empty), which the receiving
     * host's own codes are looked up in.
     */
    private record Diagnostic(
            String text, String status, String replyCode, String command, String kept, String keptLowerCase) {
        static Diagnostic of(final String raw) {
            final String collapsed = Whitespace.collapse(raw).strip();
            final String text = prefix(collapsed, MAX_REASON_TEXT);
            final String kept = DetectedBounces.clip(collapsed);
            return new Diagnostic(
                    text,
                    StatusCodes.find(text),
                    StatusCodes.replyCode(text),
                    SmtpCommand.in(text.toLowerCase(Locale.ROOT)),
                    kept.isEmpty() ? null : kept,
                    kept.toLowerCase(Locale.ROOT));
        }
    }

    private DetectedBounces sesBounces(final MailReport mail, final SesNotification.Report ses, final int max) {
        final List<Failure> kept = first(ses.failures(), max);
        final DetectedBounces detected =
                bounces(mail, kept, ses.kind(), ses.failures().size() - kept.size());
        for (final Bounce b : detected.bounces()) {
            if ("feedback".equals(ses.kind())) {
                b.setReason("feedback");
                b.setHardBounce(false);
            }
            b.setOriginalMessageId(ses.messageId());
            if (ses.source() != null) {
                b.setOriginalSender(ses.source());
            }
        }
        return detected;
    }

    private static boolean isFeedback(final MailReport mail) {
        return "feedback-report".equals(mail.reportType())
                || FEEDBACK_TYPE.matcher(mail.text()).find()
                || !mail.originalHeaders()
                        .firstOrEmpty("x-hmxmroriginalrecipient")
                        .isEmpty();
    }

    private DetectedBounces feedback(final MailReport mail, final int max) {
        final LinearMatcher type = FEEDBACK_TYPE.matcher(mail.text());
        final String feedbackType = type.find() ? type.group(1).toLowerCase(Locale.ROOT) : "abuse";
        final List<String> recipients = new ArrayList<>();
        final LinearMatcher rcpt = ARF_RECIPIENT.matcher(mail.text());
        while (rcpt.find()) {
            final LinearMatcher a = ADDRESS.matcher(rcpt.group(1));
            while (a.find()) {
                recipients.add(a.group());
            }
        }
        if (recipients.isEmpty()) {
            // Hotmail's complaint mails name the complaining recipient in the returned headers only.
            final String hotmail = mail.originalHeaders().firstOrEmpty("x-hmxmroriginalrecipient");
            final LinearMatcher a = ADDRESS.matcher(
                    hotmail.isEmpty() ? String.join(",", mail.originalHeaders().all("to")) : hotmail);
            while (a.find()) {
                recipients.add(a.group());
            }
        }
        final List<Failure> failures = recipients.stream()
                .map(r -> new Failure(r, null, "", null, null, feedbackType))
                .toList();
        final List<Failure> kept = first(failures, max);
        final DetectedBounces detected = bounces(mail, kept, "feedback", failures.size() - kept.size());
        for (final Bounce b : detected.bounces()) {
            b.setReason("feedback");
            b.setHardBounce(false);
        }
        return detected;
    }

    private static boolean isAutoReply(final MailReport mail, final String subject) {
        final String auto = mail.headers().firstOrEmpty("auto-submitted").toLowerCase(Locale.ROOT);
        return auto.startsWith("auto-replied")
                || !mail.headers().firstOrEmpty("x-autoreply").isEmpty()
                || !mail.headers().firstOrEmpty("x-autorespond").isEmpty()
                || AUTO_REPLY_SUBJECT.find(subject);
    }

    private static DetectedBounces autoReply(final MailReport mail, final String from) {
        final LinearMatcher a = ADDRESS.matcher(from);
        if (!a.find()) {
            return DetectedBounces.NONE;
        }
        final String text = mail.text().strip();
        final String diagnostic = text.length() > 500 ? text.substring(0, 500) : text;
        return new DetectedBounces(
                List.of(Bounce.newBuilder()
                        .setRecipient(a.group())
                        .setReason("vacation")
                        .setHardBounce(false)
                        .setDiagnostic(diagnostic.isEmpty() ? null : diagnostic)
                        .setOriginalMessageId(originalMessageId(mail))
                        .setKind("autoreply")
                        .setOriginalSender(OriginalSender.of(mail))
                        .build()),
                0);
    }

    private static String originalMessageId(final MailReport mail) {
        final String id = mail.originalHeaders().firstOrEmpty("message-id");
        if (!id.isEmpty()) {
            return id;
        }
        final String inReplyTo = mail.headers().firstOrEmpty("in-reply-to");
        return inReplyTo.isEmpty() ? null : inReplyTo;
    }

    private static void addresses(final String header, final Set<String> into) {
        final LinearMatcher m = ADDRESS.matcher(header);
        while (m.find()) {
            into.add(m.group().toLowerCase(Locale.ROOT));
        }
    }

    private static String prefix(final String text, final int chars) {
        return text.length() > chars ? text.substring(0, chars) : text;
    }
}
