package io.mailroute.topology.parse;

/** Input that is not a mail, or that breaks a limit or rule of {@link ParserSettings#STRICT}. */
public final class MailParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public MailParseException(final String message) {
        super(message);
    }

    public MailParseException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
