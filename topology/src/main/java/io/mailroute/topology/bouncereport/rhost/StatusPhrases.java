package io.mailroute.topology.bouncereport.rhost;

import io.mailroute.topology.bouncereport.reason.Reasons;
import java.util.List;

/**
 * A host's wording whose phrases give a reason only with given enhanced status codes, after the
 * tables of Sisimai's Google and Microsoft Rhost classes: the first rule, in table order, whose
 * status the bounce reports and one of whose phrases the diagnostic contains.
 */
final class StatusPhrases {
    private final List<Rule> rules;

    StatusPhrases(final Rule... rules) {
        this.rules = List.of(rules);
    }

    /**
     * A rule for the listed codes, each either a whole code ({@code 5.7.1}) or a class and subject
     * with a range of details ({@code 5.7.850-899}).
     */
    static Rule rule(final String reason, final List<String> statuses, final String... phrases) {
        return new Rule(reason, List.copyOf(statuses), List.of(phrases));
    }

    /** The reason of the first rule the status and the lower-case diagnostic meet, or null. */
    String reasonOf(final String status, final String lowerText) {
        if (status == null) {
            return null;
        }
        for (final Rule rule : rules) {
            if (rule.covers(status) && rule.phrases().stream().anyMatch(lowerText::contains)) {
                return rule.reason();
            }
        }
        return null;
    }

    record Rule(String reason, List<String> statuses, List<String> phrases) {
        Rule {
            if (!Reasons.known(reason)) {
                throw new IllegalArgumentException("no such reason: " + reason);
            }
        }

        boolean covers(final String status) {
            for (final String code : statuses) {
                final int dash = code.indexOf('-');
                if (dash < 0 ? status.equals(code) : inRange(status, code, dash)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean inRange(final String status, final String code, final int dash) {
            final int detailAt = code.lastIndexOf('.', dash) + 1;
            if (!status.startsWith(code.substring(0, detailAt)) || status.length() == detailAt) {
                return false;
            }
            final String detail = status.substring(detailAt);
            if (detail.length() > 3 || !detail.chars().allMatch(Character::isDigit)) {
                return false;
            }
            final int number = Integer.parseInt(detail);
            return number >= Integer.parseInt(code.substring(detailAt, dash))
                    && number <= Integer.parseInt(code.substring(dash + 1));
        }
    }
}
