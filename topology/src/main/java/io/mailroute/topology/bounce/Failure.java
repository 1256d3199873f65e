package io.mailroute.topology.bounce;

/**
 * One recipient as a bounce reports it, before classification.
 *
 * @param recipient    the address exactly as reported
 * @param status       enhanced status code, or null
 * @param diagnostic   the remote MTA's message (Diagnostic-Code or the bounce text about this recipient), or ""
 * @param action       DSN Action in lower case, or null
 * @param reportingMta the MTA that wrote the report, or null
 * @param feedbackType ARF Feedback-Type for feedback reports, or null
 */
record Failure(String recipient, String status, String diagnostic, String action, String reportingMta, String feedbackType) {
}
