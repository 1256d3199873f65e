package io.mailroute.cli.contacts;

import io.mailroute.avro.OwnerContacts;
import io.mailroute.cli.CsvFields;
import io.mailroute.topology.owner.AddressNormalizer;
import io.mailroute.topology.parse.DomainName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IllformedLocaleException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the owners' contacts for {@code mailroute contacts import}: CSV
 * {@code ownerId,recipients,locale[,name]} with an optional header line, double-quoted fields,
 * blank lines and {@code #} comments. Recipients are separated by {@code ;}; each must be a mail
 * address, kept as written but for its domain, which is lower-cased ({@link AddressNormalizer}, as
 * the owner index does). The locale is a BCP 47 tag with an ISO 639 language ({@code ja},
 * {@code en}, {@code en-US}), written back in its canonical form. A row that cannot be used is
 * reported with its line number and the rest is still read; a second row for an owner is rejected.
 */
public final class ContactsFileReader {
    /** The columns, as the header names them. */
    public static final String HEADER = "ownerId,recipients,locale[,name]";

    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    private ContactsFileReader() {}

    /**
     * Reads {@code file}.
     *
     * @throws IOException when the file cannot be read
     */
    public static ContactsFile read(final Path file) throws IOException {
        return csv(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    static ContactsFile csv(final String name, final String text) {
        final List<OwnerContacts> contacts = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final Map<String, Integer> lineOfOwner = new HashMap<>();
        for (final CsvFields.Row row : CsvFields.rows(text, "ownerId")) {
            final List<String> fields = row.fields();
            final String where = name + ":" + row.line() + ": ";
            if (fields.size() < 3 || fields.size() > 4) {
                problems.add(where + "expected " + HEADER + ", found " + fields.size() + " fields");
                continue;
            }
            final String ownerId = fields.get(0);
            final List<String> recipients = new ArrayList<>();
            final Optional<String> problem = ownerId.isEmpty()
                    ? Optional.of("ownerId is empty")
                    : recipients(fields.get(1), recipients).or(() -> localeProblem(fields.get(2)));
            if (problem.isPresent()) {
                problems.add(where + problem.get());
                continue;
            }
            final Integer earlier = lineOfOwner.putIfAbsent(ownerId, row.line());
            if (earlier != null) {
                problems.add(where + "owner " + ownerId + " is listed on line " + earlier + " already");
                continue;
            }
            contacts.add(OwnerContacts.newBuilder()
                    .setOwnerId(ownerId)
                    .setRecipients(recipients)
                    .setLocale(Locale.forLanguageTag(fields.get(2)).toLanguageTag())
                    .setName(fields.size() > 3 && !fields.get(3).isEmpty() ? fields.get(3) : null)
                    .build());
        }
        return new ContactsFile(contacts, problems);
    }

    /** Adds the normalized recipients of {@code field} to {@code into}; the reason when one is no address or none is given. */
    private static Optional<String> recipients(final String field, final List<String> into) {
        final Set<String> distinct = new LinkedHashSet<>();
        for (final String part : field.split(";", -1)) {
            final String address = part.strip();
            if (address.isEmpty()) {
                continue;
            }
            if (!isAddress(address)) {
                return Optional.of("'" + address + "' is no mail address");
            }
            distinct.add(AddressNormalizer.normalize(address));
        }
        if (distinct.isEmpty()) {
            return Optional.of("no recipient");
        }
        into.addAll(distinct);
        return Optional.empty();
    }

    /**
     * A mailbox a notice can be sent to: a local part without spaces, controls or the characters
     * that separate addresses, and a valid host name after the last {@code @}. Local parts that
     * break RFC 5322 but that carriers hand out ({@code taro.@docomo.ne.jp}) pass.
     */
    static boolean isAddress(final String address) {
        final int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return false;
        }
        final String local = address.substring(0, at);
        for (int i = 0; i < local.length(); i++) {
            final char c = local.charAt(i);
            if (c <= ' ' || c == 0x7f || "<>()[],;:\\\"@".indexOf(c) >= 0) {
                return false;
            }
        }
        return DomainName.normalize(address.substring(at + 1)) != null;
    }

    private static Optional<String> localeProblem(final String tag) {
        if (tag.isEmpty()) {
            return Optional.of("locale is empty");
        }
        final Locale locale;
        try {
            locale = new Locale.Builder().setLanguageTag(tag).build();
        } catch (IllformedLocaleException e) {
            return Optional.of(localeHint(tag));
        }
        return LANGUAGES.contains(locale.getLanguage()) ? Optional.empty() : Optional.of(localeHint(tag));
    }

    private static String localeHint(final String tag) {
        return "locale '" + tag + "' is no BCP 47 language tag such as ja, en or en-US";
    }
}
