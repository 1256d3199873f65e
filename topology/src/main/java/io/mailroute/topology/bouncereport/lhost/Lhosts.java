package io.mailroute.topology.bouncereport.lhost;

import io.mailroute.topology.bouncereport.Failure;
import io.mailroute.topology.budget.MailBudget;
import io.mailroute.topology.parse.MailReport;
import java.util.List;
import java.util.Optional;

/**
 * The MTA-specific readers in the order they are tried, each before the generic readers of RFC
 * 3464 fields and plain text, which read what none of them recognises.
 */
public final class Lhosts {
    private static final List<Lhost> IN_ORDER = List.of(
            new Qmail(),
            new Postfix(),
            new Exchange2007(),
            new OpenSmtpd(),
            new IMailServer(),
            new X3(),
            new Verizon(),
            new InterScanMss(),
            new Sendmail(),
            new Office365(),
            new EzWeb(),
            new PowerMta());

    private Lhosts() {}

    /** The failures the first reader that recognises the mail's format finds; empty when none does. */
    public static Optional<List<Failure>> inspect(final MailReport mail) {
        for (final Lhost lhost : IN_ORDER) {
            MailBudget.check();
            final Optional<List<Failure>> failures = lhost.inspect(mail);
            if (failures.isPresent()) {
                return failures;
            }
        }
        return Optional.empty();
    }
}
