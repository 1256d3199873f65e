package io.mailroute.topology.bouncereport;

/**
 * Whether a failure is for good, as Sisimai's {@code SMTP::Failure.is_hardbounce} decides it:
 * only a recipient that cannot exist is a hard bounce, and a domain that accepts no mail unless
 * its codes or its words say the failure is temporary.
 */
final class HardBounce {
    private HardBounce() {}

    /**
     * @param status              the enhanced status code, or null
     * @param replyCode           the SMTP reply code, or null
     * @param diagnosticLowerCase the lower-case diagnostic, or null
     */
    static boolean of(
            final String reason, final String status, final String replyCode, final String diagnosticLowerCase) {
        return switch (reason) {
            case "userunknown", "hostunknown", "hasmoved" -> true;
            case "notaccept" -> !temporary(status != null ? status : replyCode, diagnosticLowerCase);
            default -> false;
        };
    }

    private static boolean temporary(final String code, final String diagnosticLowerCase) {
        if (code != null && !code.isEmpty()) {
            return code.charAt(0) == '4';
        }
        return diagnosticLowerCase != null
                && (diagnosticLowerCase.contains(" temporar") || diagnosticLowerCase.contains(" persistent"));
    }
}
