package io.mailroute.cli.accounts;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.AccountStatus;
import io.mailroute.runtime.client.TopicReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What publishing an accounts file to {@code mail.accounts} means: ACTIVE rows become mappings,
 * other rows tombstones, and with pruning the ids of the same source that the topic still maps but
 * the file no longer lists become tombstones too. A file with rejected rows prunes nothing: a row
 * that could not be read may be an account the topic still maps, and must not be removed for a typo.
 *
 * @param upserts  mappings to publish, by account id
 * @param removals account ids to tombstone because the file lists them as not ACTIVE
 * @param pruned   account ids to tombstone because the file no longer lists them
 */
public record AccountsImport(Map<String, AccountMapping> upserts, Set<String> removals, Set<String> pruned) {

    /**
     * Plans the import of {@code file} under {@code source}.
     *
     * @param current the mail.accounts records in topic order, or an empty list when not pruning
     */
    public static AccountsImport plan(
            final AccountsFile file, final String source, final List<TopicReader.Entry<AccountMapping>> current) {
        final Map<String, AccountMapping> upserts = new LinkedHashMap<>();
        final Set<String> removals = new TreeSet<>();
        for (final AccountMapping row : file.mappings()) {
            final AccountMapping mapping = AccountMapping.newBuilder()
                    .setAccountId(row.getAccountId())
                    .setEmail(row.getEmail())
                    .setName(row.getName())
                    .setStatus(row.getStatus())
                    .setSource(source)
                    .setJoinedAt(row.getJoinedAt())
                    .setSyncedAt(row.getSyncedAt())
                    .build();
            if (mapping.getStatus() == AccountStatus.ACTIVE) {
                upserts.put(mapping.getAccountId(), mapping);
                removals.remove(mapping.getAccountId());
            } else {
                removals.add(mapping.getAccountId());
                upserts.remove(mapping.getAccountId());
            }
        }
        final Set<String> listed =
                file.mappings().stream().map(AccountMapping::getAccountId).collect(Collectors.toSet());
        final Set<String> pruned =
                file.problems().isEmpty() ? new TreeSet<>(latestOfSource(current, source)) : new TreeSet<>();
        pruned.removeAll(listed);
        return new AccountsImport(upserts, removals, pruned);
    }

    /** Ids whose latest record in the topic is a mapping from {@code source}. */
    private static Set<String> latestOfSource(
            final List<TopicReader.Entry<AccountMapping>> entries, final String source) {
        return TopicReader.latestValues(entries).entrySet().stream()
                .filter(e -> source.equals(e.getValue().getSource()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
