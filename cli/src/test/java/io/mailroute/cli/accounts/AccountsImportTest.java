package io.mailroute.cli.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.AccountStatus;
import io.mailroute.runtime.client.TopicReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountsImportTest {
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    private static AccountMapping mapping(final String id, final AccountStatus status, final String source) {
        return new AccountMapping(id, id + "@example.jp", null, status, source, null, NOW);
    }

    private static TopicReader.Entry<AccountMapping> entry(final String id, final AccountMapping value) {
        return new TopicReader.Entry<>(id, value, 0, 0, 0, null);
    }

    @Test
    void activeRowsArePublishedUnderTheGivenSourceAndOtherStatusesRemoved() {
        // given
        final AccountsFile file = new AccountsFile(
                List.of(
                        mapping("a", AccountStatus.ACTIVE, "import-csv"),
                        mapping("b", AccountStatus.SUSPENDED, "import-csv"),
                        mapping("c", AccountStatus.PENDING_CLOSURE, "import-csv")),
                List.of());

        // when
        final AccountsImport plan = AccountsImport.plan(file, "stores", List.of());

        // then
        assertThat(plan.upserts()).containsOnlyKeys("a");
        assertThat(plan.upserts().get("a").getSource()).isEqualTo("stores");
        assertThat(plan.removals()).containsExactly("b", "c");
        assertThat(plan.pruned()).isEmpty();
    }

    @Test
    void prunesOnlyLiveMappingsOfTheSameSourceThatTheFileNoLongerLists() {
        // given
        final AccountsFile file =
                new AccountsFile(List.of(mapping("a", AccountStatus.ACTIVE, "import-csv")), List.of());
        final List<TopicReader.Entry<AccountMapping>> topic = List.of(
                entry("a", mapping("a", AccountStatus.ACTIVE, "stores")),
                entry("gone", mapping("gone", AccountStatus.ACTIVE, "stores")),
                entry("deleted", mapping("deleted", AccountStatus.ACTIVE, "stores")),
                entry("deleted", null),
                entry("org", mapping("org", AccountStatus.ACTIVE, "organizations")),
                entry("moved", mapping("moved", AccountStatus.ACTIVE, "stores")),
                entry("moved", mapping("moved", AccountStatus.ACTIVE, "organizations")));

        // when
        final AccountsImport plan = AccountsImport.plan(file, "stores", topic);

        // then
        assertThat(plan.pruned()).containsExactly("gone");
    }

    @Test
    void prunesNothingWhenTheFileHasRejectedRows() {
        // given: the row of a mapped account could not be read
        final AccountsFile file = new AccountsFile(
                List.of(mapping("a", AccountStatus.ACTIVE, "import-csv")),
                List.of("stores.csv:3: 'b@example' is no mail address"));
        final List<TopicReader.Entry<AccountMapping>> topic = List.of(
                entry("a", mapping("a", AccountStatus.ACTIVE, "stores")),
                entry("b", mapping("b", AccountStatus.ACTIVE, "stores")));

        // when
        final AccountsImport plan = AccountsImport.plan(file, "stores", topic);

        // then
        assertThat(plan.upserts()).containsOnlyKeys("a");
        assertThat(plan.pruned()).isEmpty();
    }
}
