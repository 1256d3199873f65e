package io.mailroute.topology.bouncereport;

/**
 * One recipient as a bounce reports it, before classification.
 *
 * @param recipient    the address exactly as reported
 * @param status       enhanced status code, or null
 * @param diagnostic   the remote MTA's message (Diagnostic-Code or the bounce text about this recipient), or ""
 * @param action       DSN Action in lower case, or null
 * @param reportingMta the MTA that wrote the report, or null
 * @param feedbackType ARF Feedback-Type for feedback reports, or null
 * @param remoteMta    the receiving MTA that refused the recipient (DSN Remote-MTA), or null
 * @param reason       the reason an MTA reader ({@link io.mailroute.topology.bouncereport.lhost.Lhost})
 *                     read from that MTA's own wording, or null; it stands unless it is one Sisimai
 *                     examines again and the diagnostic says a reason probed before it
 *                     ({@link io.mailroute.topology.bouncereport.reason.Reasons#reexamined})
 * @param command      the SMTP command the remote server refused (as {@link SmtpCommand} names it)
 *                     where the MTA's format says it, or null
 */
public record Failure(
        String recipient,
        String status,
        String diagnostic,
        String action,
        String reportingMta,
        String feedbackType,
        String remoteMta,
        String reason,
        String command) {
    public Failure(
            final String recipient,
            final String status,
            final String diagnostic,
            final String action,
            final String reportingMta,
            final String feedbackType,
            final String remoteMta,
            final String reason) {
        this(recipient, status, diagnostic, action, reportingMta, feedbackType, remoteMta, reason, null);
    }

    public Failure(
            final String recipient,
            final String status,
            final String diagnostic,
            final String action,
            final String reportingMta,
            final String feedbackType,
            final String remoteMta) {
        this(recipient, status, diagnostic, action, reportingMta, feedbackType, remoteMta, null);
    }

    public Failure(
            final String recipient,
            final String status,
            final String diagnostic,
            final String action,
            final String reportingMta,
            final String feedbackType) {
        this(recipient, status, diagnostic, action, reportingMta, feedbackType, null);
    }
}
