package io.mailroute.topology.bouncereport.reason;

/** A local delivery program (a pipe, procmail, a shell command) failed. */
final class MailerError extends Reason {
    MailerError() {
        super(
                "mailererror",
                WordList.builder()
                        .phrases(
                                " || exit ",
                                "procmail: ",
                                "bin/procmail",
                                "bin/maidrop",
                                "command failed: ",
                                "command died with status ",
                                "command output:",
                                "mailer error",
                                "pipe to |/",
                                "x-unix; ")
                        .build());
    }
}
