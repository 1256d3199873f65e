package io.mailroute.connectors.organizations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The ACTIVE accounts last written, as kept in the connector's source offset: account id → a
 * fingerprint of email, name and join time. Comparing it with a fresh listing gives exactly the
 * changes to emit, so a steady organization produces no records at all.
 *
 * <p>The offset is {@code {"v": 1, "accounts": "id=fp;id=fp;..."}}, about 30 bytes per account.
 */
final class AccountSnapshot {
    static final String VERSION_KEY = "v";
    static final String ACCOUNTS_KEY = "accounts";
    private static final int VERSION = 1;

    private final SortedMap<String, String> fingerprints;

    private AccountSnapshot(final SortedMap<String, String> fingerprints) {
        this.fingerprints = fingerprints;
    }

    static AccountSnapshot empty() {
        return new AccountSnapshot(new TreeMap<>());
    }

    /** Reads a snapshot from a source offset; null (no offset yet) is empty. */
    static AccountSnapshot fromOffset(final Map<String, ?> offset) {
        if (offset == null) {
            return empty();
        }
        final Object version = offset.get(VERSION_KEY);
        if (!(version instanceof Number number) || number.intValue() != VERSION) {
            throw new ConnectException("Offset key '" + VERSION_KEY + "' must be " + VERSION + ", found " + version);
        }
        final Object accounts = offset.get(ACCOUNTS_KEY);
        if (!(accounts instanceof String text)) {
            throw new ConnectException(
                    "Offset key '" + ACCOUNTS_KEY + "' must be a string of id=fingerprint entries, found " + accounts);
        }
        final SortedMap<String, String> fingerprints = new TreeMap<>();
        for (final String entry : text.split(";")) {
            if (entry.isEmpty()) {
                continue;
            }
            final int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new ConnectException("Offset key '" + ACCOUNTS_KEY + "' has a malformed entry: " + entry);
            }
            fingerprints.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return new AccountSnapshot(fingerprints);
    }

    Map<String, Object> toOffset() {
        final StringBuilder accounts = new StringBuilder();
        fingerprints.forEach(
                (id, fp) -> accounts.append(id).append('=').append(fp).append(';'));
        return Map.of(VERSION_KEY, VERSION, ACCOUNTS_KEY, accounts.toString());
    }

    int size() {
        return fingerprints.size();
    }

    /** What changed between this snapshot and the accounts listed now. */
    Diff diff(final Map<String, OrgAccount> listed) {
        final SortedMap<String, String> next = new TreeMap<>();
        final List<OrgAccount> upserts = new ArrayList<>();
        listed.values().stream().filter(OrgAccount::active).forEach(account -> {
            final String fingerprint = fingerprint(account);
            next.put(account.id(), fingerprint);
            if (!fingerprint.equals(fingerprints.get(account.id()))) {
                upserts.add(account);
            }
        });
        final List<String> removals = fingerprints.keySet().stream()
                .filter(id -> !next.containsKey(id))
                .toList();
        return new Diff(upserts, removals, new AccountSnapshot(next));
    }

    static String fingerprint(final OrgAccount account) {
        try {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            final String identity = Objects.toString(account.email(), "")
                    + '\0'
                    + Objects.toString(account.name(), "")
                    + '\0'
                    + Objects.toString(account.joinedAt(), "");
            return HexFormat.of().formatHex(digest.digest(identity.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /**
     * Changes to write: new or changed ACTIVE accounts, and ids that left or stopped being ACTIVE.
     *
     * @param next the snapshot once all changes are written
     */
    record Diff(List<OrgAccount> upserts, List<String> removals, AccountSnapshot next) {
        boolean isEmpty() {
            return upserts.isEmpty() && removals.isEmpty();
        }
    }
}
