package io.mailroute.topology.bouncereport.rhost;

/**
 * I.UA (after Sisimai's {@code Sisimai::Rhost::IUA}): its refusals link to an explanation,
 * {@code http://mail.i.ua/err/2/}, whose number names the reason.
 */
final class Iua extends Rhost {
    private static final String LINK = ".i.ua/err/";
    /** The reason of each error number, 1 to 10, at index number - 1. */
    private static final String[] BY_NUMBER = {
        "norelaying", // SMTP as a mail gate is forbidden
        "userunknown",
        "suspend", // mailbox unused for more than three months
        "mailboxfull",
        "ratelimited", // sending limit exceeded
        "norelaying", // use your own provider's SMTP
        "blocked", // wrong HELO/EHLO
        "rejected", // sender address could not be checked
        "blocked", // sender's IP address blacklisted
        "filtered" // not in the recipient's list of addresses
    };

    Iua() {
        super("i.ua", "email.ua");
    }

    @Override
    String reason(final String status, final String command, final String lowerText) {
        final int link = lowerText.indexOf(LINK);
        if (link < 0) {
            return null;
        }
        int at = link + LINK.length();
        int number = 0;
        for (final int end = Math.min(at + 2, lowerText.length());
                at < end && Character.isDigit(lowerText.charAt(at));
                at++) {
            number = number * 10 + lowerText.charAt(at) - '0';
        }
        return number >= 1 && number <= BY_NUMBER.length ? BY_NUMBER[number - 1] : null;
    }
}
