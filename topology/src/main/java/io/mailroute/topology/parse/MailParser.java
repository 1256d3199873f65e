package io.mailroute.topology.parse;

import io.mailroute.avro.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.angus.mail.util.MailStreamProvider;

/**
 * Parses raw mail bytes into a {@link ParsedMail}: one fast pass over the header block for the
 * facts rules look at first (subject and addresses decoded with raw forms kept, Message-ID,
 * Date, authentication and SES verdicts, see {@link AuthVerdictParser}); the body, and the report
 * a bounce reader needs, are walked on demand by {@link MimeWalk} (Angus Mail only decodes
 * transfer encodings). It is the only MIME parser of the topology.
 * Thread-safe; create one per settings and share it.
 */
public final class MailParser {
    /** The JVM-wide property Jakarta Mail reads to find its stream provider. */
    static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";

    private static final String[] RECIPIENT_FIELDS = {"To", "Cc", "Delivered-To", "X-Original-To"};

    static {
        // Without this Jakarta Mail runs a ServiceLoader scan for every part and decoder it creates,
        // more than half of its parse time (jakartaee/mail-api#699, #861).
        if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null) {
            System.setProperty(STREAM_PROVIDER_PROPERTY, MailStreamProvider.class.getName());
        }
    }

    private final ParserSettings settings;
    private final HeaderScanner scanner;
    private final AuthVerdictParser auth;

    public MailParser(final ParserSettings settings) {
        this.settings = settings;
        this.scanner = new HeaderScanner(settings);
        this.auth = new AuthVerdictParser(settings.trustedAuthservIds());
    }

    public ParserSettings settings() {
        return settings;
    }

    /**
     * Parses {@code raw}. Under {@link ParserSettings#STRICT} the body is walked at once so that
     * every problem surfaces here.
     *
     * @throws MailParseException when the input is not a mail (no header block) or, under STRICT,
     *                            is malformed or over a limit
     */
    public ParsedMail parse(final byte[] raw) throws MailParseException {
        if (raw == null || raw.length == 0) {
            throw new MailParseException("not a mail: no bytes");
        }
        final HeaderBlock headers = scanner.scan(raw, 0, raw.length);
        final String subjectRaw = headers.first("Subject").orElse(null);
        final List<Address> from = AddressParser.parse(headers.first("From").orElse(null), "from");
        final List<Address> recipients = new ArrayList<>(4);
        for (final HeaderField field : headers.fields()) {
            for (final String name : RECIPIENT_FIELDS) {
                if (field.is(name)) {
                    recipients.addAll(AddressParser.parse(field.value(), name.toLowerCase(Locale.ROOT)));
                }
            }
        }
        final ParsedMail mail = new ParsedMail(
                raw,
                headers,
                EncodedWords.decode(subjectRaw),
                from.isEmpty() ? null : from.get(0),
                recipients,
                headers.first("Message-ID").map(String::strip).orElse(null),
                MailDates.parse(headers.first("Date").orElse(null)),
                auth.parse(headers),
                settings);
        if (!settings.lenient()) {
            mail.walkBody();
        }
        return mail;
    }
}
