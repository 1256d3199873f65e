package io.mailroute.cli.accounts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.AccountStatus;
import io.mailroute.cli.CsvFields;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads account to address mappings from a file, for {@code mailroute classify --accounts} and
 * {@code mailroute accounts import}:
 * <ul>
 *   <li>the JSON {@code aws organizations list-accounts} prints:
 *       {@code {"Accounts": [{"Id", "Arn", "Email", "Name", "Status", "JoinedMethod", "JoinedTimestamp"}]}};</li>
 *   <li>CSV {@code accountId,email,name,status}, with an optional header line, double-quoted fields,
 *       blank lines and {@code #} comments; an empty status means ACTIVE.</li>
 * </ul>
 * A row that cannot be used is reported with its line number and the rest is still read.
 */
public final class AccountsFileReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AccountsFileReader() {}

    /**
     * Reads {@code file}, telling JSON from CSV by its first character.
     *
     * @param syncedAt the time the mappings are stamped with
     * @throws IOException when the file cannot be read, or is JSON without an Accounts array
     */
    public static AccountsFile read(final Path file, final Instant syncedAt) throws IOException {
        final String text = Files.readString(file, StandardCharsets.UTF_8);
        final String name = file.toString();
        return text.stripLeading().startsWith("{") ? json(name, text, syncedAt) : csv(name, text, syncedAt);
    }

    static AccountsFile json(final String name, final String text, final Instant syncedAt) throws IOException {
        final List<AccountMapping> mappings = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        try (JsonParser parser = new JsonFactory(JSON).createParser(text)) {
            if (!seekAccounts(parser)) {
                throw new IOException(
                        name + ": no \"Accounts\" array; expected the output of aws organizations list-accounts");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                final int line = parser.currentLocation().getLineNr();
                final JsonNode account = parser.readValueAsTree();
                final Optional<String> problem = jsonProblem(account);
                if (problem.isPresent()) {
                    problems.add(name + ":" + line + ": " + problem.get());
                    continue;
                }
                mappings.add(mapping(
                        account.get("Id").asText().strip(),
                        account.get("Email").asText().strip(),
                        text(account, "Name"),
                        status(text(account, "Status")).orElse(AccountStatus.UNKNOWN),
                        "import-json",
                        joined(account.get("JoinedTimestamp")),
                        syncedAt));
            }
        } catch (JsonProcessingException e) {
            throw new IOException(
                    name + ":" + e.getLocation().getLineNr() + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        return new AccountsFile(mappings, problems);
    }

    static AccountsFile csv(final String name, final String text, final Instant syncedAt) {
        final List<AccountMapping> mappings = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        for (final CsvFields.Row row : CsvFields.rows(text, "accountId")) {
            final List<String> fields = row.fields();
            final String where = name + ":" + row.line() + ": ";
            if (fields.size() < 2 || fields.size() > 4) {
                problems.add(where + "expected accountId,email[,name[,status]], found " + fields.size() + " fields");
                continue;
            }
            final String id = fields.get(0);
            final String email = fields.get(1);
            final String statusText = fields.size() > 3 ? fields.get(3) : "";
            final Optional<AccountStatus> status =
                    statusText.isEmpty() ? Optional.of(AccountStatus.ACTIVE) : status(statusText);
            if (id.isEmpty()) {
                problems.add(where + "accountId is empty");
            } else if (!email.contains("@")) {
                problems.add(where + "'" + email + "' is no mail address");
            } else if (status.isEmpty()) {
                problems.add(where + "status '" + statusText + "' is not one of ACTIVE, SUSPENDED, PENDING_CLOSURE");
            } else {
                final String accountName = fields.size() > 2 && !fields.get(2).isEmpty() ? fields.get(2) : null;
                mappings.add(mapping(id, email, accountName, status.get(), "import-csv", null, syncedAt));
            }
        }
        return new AccountsFile(mappings, problems);
    }

    private static boolean seekAccounts(final JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            final String field = parser.currentName();
            final JsonToken value = parser.nextToken();
            if (field.equals("Accounts") && value == JsonToken.START_ARRAY) {
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }

    private static Optional<String> jsonProblem(final JsonNode account) {
        final String id = text(account, "Id");
        final String email = text(account, "Email");
        if (id == null || id.isBlank()) {
            return Optional.of("account without Id");
        }
        if (email == null || !email.contains("@")) {
            return Optional.of("account " + id + " has no mail address in Email");
        }
        final String status = text(account, "Status");
        if (status != null && status(status).isEmpty()) {
            return Optional.of("account " + id + " has an unknown Status '" + status + "'");
        }
        return Optional.empty();
    }

    private static AccountMapping mapping(
            final String id,
            final String email,
            final String name,
            final AccountStatus status,
            final String source,
            final Instant joinedAt,
            final Instant syncedAt) {
        return AccountMapping.newBuilder()
                .setAccountId(id)
                .setEmail(email)
                .setName(name)
                .setStatus(status)
                .setSource(source)
                .setJoinedAt(joinedAt)
                .setSyncedAt(syncedAt)
                .build();
    }

    private static Optional<AccountStatus> status(final String text) {
        final String normalized = text.strip().toUpperCase(Locale.ROOT);
        for (final AccountStatus status : AccountStatus.values()) {
            if (status.name().equals(normalized)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** JoinedTimestamp as the CLI prints it (ISO 8601 with offset) or as the SDK does (epoch seconds). */
    private static Instant joined(final JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return Instant.ofEpochMilli(
                    value.decimalValue().multiply(BigDecimal.valueOf(1000)).longValue());
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
