package io.mailroute.cli.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.mailroute.avro.AccountMapping;
import io.mailroute.avro.AccountStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsFileReaderTest {
    private static final Instant NOW = Instant.parse("2026-11-20T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void shouldReadTheOutputOfOrganizationsListAccounts() throws IOException {
        // when
        final AccountsFile file = AccountsFileReader.read(Path.of("src/test/resources/classify/accounts.json"), NOW);

        // then
        assertThat(file.mappings())
                .extracting(
                        AccountMapping::getAccountId,
                        AccountMapping::getEmail,
                        AccountMapping::getName,
                        AccountMapping::getStatus,
                        AccountMapping::getJoinedAt)
                .containsExactly(
                        tuple(
                                "123456789012",
                                "aws-root-1@example.co.jp",
                                "Example Production",
                                AccountStatus.ACTIVE,
                                Instant.parse("2021-04-12T05:53:22.123Z")),
                        tuple(
                                "333333333333",
                                "taro.@docomo.ne.jp",
                                "Carrier",
                                AccountStatus.SUSPENDED,
                                Instant.ofEpochMilli(1618206802500L)));
        assertThat(file.mappings()).allSatisfy(m -> {
            assertThat(m.getSource()).isEqualTo("import-json");
            assertThat(m.getSyncedAt()).isEqualTo(NOW);
        });
        assertThat(file.problems())
                .containsExactly(
                        "src/test/resources/classify/accounts.json:12: account 210987654321 has no mail address in Email");
    }

    @Test
    void shouldReadCsvWithOrWithoutAHeaderAndReportBadRowsByLine() throws IOException {
        // given
        final Path csv = Files.writeString(dir.resolve("accounts.csv"), """
                accountId,email,name,status
                # stores
                ne-001,ne-001@shops.example.jp,"Store, Tokyo",ACTIVE

                ne-002,a..b@ezweb.ne.jp,,
                ne-003,not-an-address,x,ACTIVE
                ne-004,ne-004@shops.example.jp,x,CLOSED
                only-one-field
                ,missing@example.jp
                ne-005,"quoted ""name""@example.jp"
                """);

        // when
        final AccountsFile file = AccountsFileReader.read(csv, NOW);

        // then
        assertThat(file.mappings())
                .extracting(
                        AccountMapping::getAccountId,
                        AccountMapping::getEmail,
                        AccountMapping::getName,
                        AccountMapping::getStatus)
                .containsExactly(
                        tuple("ne-001", "ne-001@shops.example.jp", "Store, Tokyo", AccountStatus.ACTIVE),
                        tuple("ne-002", "a..b@ezweb.ne.jp", null, AccountStatus.ACTIVE),
                        tuple("ne-005", "quoted \"name\"@example.jp", null, AccountStatus.ACTIVE));
        assertThat(file.problems())
                .containsExactly(
                        csv + ":6: 'not-an-address' is no mail address",
                        csv + ":7: status 'CLOSED' is not one of ACTIVE, SUSPENDED, PENDING_CLOSURE",
                        csv + ":8: expected accountId,email[,name[,status]], found 1 fields",
                        csv + ":9: accountId is empty");
    }

    @Test
    void shouldRefuseJsonThatIsNoAccountListing() throws IOException {
        final Path json = Files.writeString(dir.resolve("other.json"), "{\"Roles\": []}");
        final Path broken = Files.writeString(dir.resolve("broken.json"), "{\"Accounts\": [\n{\"Id\": }]}");

        assertThatThrownBy(() -> AccountsFileReader.read(json, NOW))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no \"Accounts\" array");
        assertThatThrownBy(() -> AccountsFileReader.read(broken, NOW))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(":2: not valid JSON");
    }
}
