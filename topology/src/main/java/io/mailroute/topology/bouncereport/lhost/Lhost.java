package io.mailroute.topology.bouncereport.lhost;

import io.mailroute.topology.bouncereport.Failure;
import io.mailroute.topology.parse.MailReport;
import java.util.List;
import java.util.Optional;

/**
 * A reader of one MTA's bounce format, after Sisimai's {@code Sisimai::Lhost::*} modules: it
 * recognises the format by its headers and the phrases the MTA writes, then reads each failed
 * recipient with the text the MTA wrote about it. Stateless and thread-safe; reads only the report
 * text as {@link MailReport} bounds it, and never throws for malformed mail.
 */
public interface Lhost {

    /**
     * @param mail the mail as a bounce reader reads it
     * @return the failed recipients in report order when the mail is in this MTA's format and names
     *         at least one; empty otherwise, so that the next reader is tried
     */
    Optional<List<Failure>> inspect(MailReport mail);
}
