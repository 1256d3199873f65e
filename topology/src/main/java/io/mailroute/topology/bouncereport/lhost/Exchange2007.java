package io.mailroute.topology.bouncereport.lhost;

import io.mailroute.topology.bouncereport.Failure;
import io.mailroute.topology.match.TextSplit;
import io.mailroute.topology.parse.MailReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Microsoft Exchange Server 2007 and later on premises (after Sisimai's {@code
 * Sisimai::Lhost::Exchange2007}): subject "Undeliverable: ..." (or its French and Italian
 * wording), a {@code Content-Language} header, no Office 365 cross-tenant headers, and after
 * "Diagnostic information for administrators:" and "Generating server: ..." each recipient bare on
 * a line of its own, followed by the line with the codes ({@code #550 5.1.1
 * RESOLVER.ADR.RecipNotFound; not found ##} or {@code Remote Server returned '550 ...'}).
 */
final class Exchange2007 implements Lhost {
    private static final List<String> SUBJECTS = List.of("Undeliverable", "Non_remis_", "Non recapitabile");
    private static final List<String> DIAGNOSTICS_FOLLOW = List.of(
            "Diagnostic information for administrators:",
            "Informations de diagnostic pour les administrateurs",
            "Informazioni di diagnostica per gli amministratori");
    private static final List<String> GENERATING_SERVER =
            List.of("Generating server", "Serveur de g", "Server di generazione");
    private static final List<String> ORIGINAL_HEADERS_FOLLOW =
            List.of("Original message headers:", "tes de message d'origine :", "Intestazioni originali del messaggio:");

    @Override
    public Optional<List<Failure>> inspect(final MailReport mail) {
        if (!isExchange(mail)) {
            return Optional.empty();
        }
        final List<Failure> failures = new ArrayList<>();
        boolean inDiagnostics = false;
        String generatingServer = null;
        String recipient = null;
        String diagnostic = "";
        for (final String raw : TextSplit.at(mail.text(), '\n')) {
            final String line = raw.strip();
            if (!inDiagnostics) {
                inDiagnostics = startsWithAny(line, DIAGNOSTICS_FOLLOW);
                continue;
            }
            if (startsWithAny(line, ORIGINAL_HEADERS_FOLLOW)) {
                break;
            }
            if (generatingServer == null) {
                if (startsWithAny(line, GENERATING_SERVER)) {
                    generatingServer = line.substring(line.indexOf(':') + 1).strip();
                }
                continue;
            }
            if (line.indexOf(' ') < 0 && line.indexOf('@') > 0) {
                add(failures, recipient, diagnostic, generatingServer);
                recipient = line;
                diagnostic = "";
            } else if (recipient != null && diagnostic.isEmpty() && hasCodes(line)) {
                diagnostic = line;
            }
        }
        add(failures, recipient, diagnostic, generatingServer);
        return failures.isEmpty() ? Optional.empty() : Optional.of(failures);
    }

    private static boolean isExchange(final MailReport mail) {
        final String language = mail.headers().firstOrEmpty("content-language").strip();
        return startsWithAny(mail.headers().firstOrEmpty("subject").strip(), SUBJECTS)
                && (language.length() == 2 || language.length() == 5)
                && mail.headers()
                        .firstOrEmpty("x-ms-exchange-crosstenant-originalarrivaltime")
                        .isEmpty()
                && mail.headers()
                        .firstOrEmpty("x-ms-exchange-crosstenant-fromentityheader")
                        .isEmpty();
    }

    /** True when the line carries an SMTP reply code or an enhanced status code: "#550 5.1.1 ...". */
    private static boolean hasCodes(final String line) {
        for (int i = 0; i + 4 < line.length(); i++) {
            final char c = line.charAt(i);
            if ((c == '4' || c == '5')
                    && (i == 0 || !Character.isLetterOrDigit(line.charAt(i - 1)))
                    && ((Character.isDigit(line.charAt(i + 1))
                                    && Character.isDigit(line.charAt(i + 2))
                                    && line.charAt(i + 3) == ' ')
                            || (line.charAt(i + 1) == '.'
                                    && Character.isDigit(line.charAt(i + 2))
                                    && line.charAt(i + 3) == '.'))) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(final String text, final List<String> starts) {
        for (final String start : starts) {
            if (text.startsWith(start)) {
                return true;
            }
        }
        return false;
    }

    private static void add(
            final List<Failure> failures, final String recipient, final String diagnostic, final String server) {
        if (recipient != null) {
            failures.add(new Failure(recipient, null, diagnostic, "failed", server, null));
        }
    }
}
