package io.mailroute.topology.bouncereport.lhost;

import io.mailroute.topology.bouncereport.DeliveryStatusFields;
import io.mailroute.topology.bouncereport.Failure;
import io.mailroute.topology.bouncereport.SmtpCommand;
import io.mailroute.topology.match.TextSplit;
import io.mailroute.topology.parse.MailReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * PowerMTA's bounce (after Sisimai's {@code Sisimai::Lhost::PowerMTA}): subject "Delivery report",
 * a text that starts "Hello, this is the mail server on ...", then RFC 3464 fields in which each
 * recipient carries an {@code X-PowerMTA-BounceCategory} ({@code bad-mailbox}, {@code
 * quota-issues}, ...). The category is the recipient's reason as the MTA saw it; like any reader's
 * reason it yields to the diagnostic when it is one Sisimai re-examines ({@code bad-mailbox} is
 * only "userunknown" until the diagnostic says the mailbox is disabled).
 */
final class PowerMta implements Lhost {
    private static final String GREETING = "Hello, this is the mail server on ";
    private static final String CATEGORY = "x-powermta-bouncecategory:";
    private static final String FINAL_RECIPIENT = "final-recipient:";
    /** Sisimai's table, with its "disabled" (no reason of Sisimai 5) said as "suspend". */
    private static final Map<String, String> REASONS = Map.of(
            "bad-domain", "hostunknown",
            "bad-mailbox", "userunknown",
            "inactive-mailbox", "suspend",
            "message-expired", "expired",
            "no-answer-from-host", "networkerror",
            "policy-related", "policyviolation",
            "quota-issues", "mailboxfull",
            "routing-errors", "systemerror",
            "spam-related", "spamdetected");

    @Override
    public Optional<List<Failure>> inspect(final MailReport mail) {
        final String text = mail.text();
        final int greeting = text.indexOf(GREETING);
        if (!mail.headers().firstOrEmpty("subject").contains("Delivery report") || greeting < 0) {
            return Optional.empty();
        }
        final String report = text.substring(greeting);
        final List<Failure> read = DeliveryStatusFields.read(report);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        final Map<String, String> reasons = categoryReasons(report);
        final List<Failure> failures = new ArrayList<>(read.size());
        for (final Failure f : read) {
            failures.add(new Failure(
                    f.recipient(),
                    f.status(),
                    f.diagnostic(),
                    f.action(),
                    f.reportingMta(),
                    f.feedbackType(),
                    f.remoteMta(),
                    reasons.get(f.recipient().toLowerCase(Locale.ROOT)),
                    SmtpCommand.in(f.diagnostic().toLowerCase(Locale.ROOT))));
        }
        return Optional.of(failures);
    }

    /** The reason each recipient's bounce category names, by lower-case address; the first category wins. */
    private static Map<String, String> categoryReasons(final String report) {
        final Map<String, String> reasons = new HashMap<>();
        String recipient = null;
        for (final String line : TextSplit.at(report, '\n')) {
            final String lower = line.strip().toLowerCase(Locale.ROOT);
            if (lower.startsWith(FINAL_RECIPIENT)) {
                recipient = DeliveryStatusFields.address(
                        DeliveryStatusFields.afterType(lower.substring(FINAL_RECIPIENT.length())));
            } else if (lower.startsWith(CATEGORY) && recipient != null) {
                final String reason =
                        REASONS.get(lower.substring(CATEGORY.length()).strip());
                if (reason != null) {
                    reasons.putIfAbsent(recipient, reason);
                }
            }
        }
        return reasons;
    }
}
