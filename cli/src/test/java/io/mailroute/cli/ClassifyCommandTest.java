package io.mailroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroute.runtime.command.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAILS = "src/test/resources/classify";

    @TempDir
    Path dir;

    private static List<JsonNode> lines(final String out) throws Exception {
        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : out.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void shouldPrintOneJsonLinePerRecordAndExitZeroEvenForDeadLetters() throws Exception {
        // given
        final Path accounts =
                Files.writeString(dir.resolve("accounts.csv"), "123456789012,aws-root-1@example.co.jp,Prod,ACTIVE\n");

        // when
        final CommandRun run = CommandRun.of(
                "classify",
                "--accounts",
                accounts.toString(),
                MAILS + "/aws-support-case.eml",
                MAILS + "/not-a-mail.eml");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        final List<JsonNode> lines = lines(run.out());
        assertThat(lines)
                .extracting(l -> l.get("topic").asText() + " " + l.get("key").asText())
                .containsExactly(
                        "mail.ticket 123456789012",
                        "mail.status aws-support-case.eml",
                        "mail.dlq not-a-mail.eml",
                        "mail.status not-a-mail.eml");
        final JsonNode ticket = lines.get(0).get("value");
        assertThat(ticket.get("mailId").asText()).isEqualTo("aws-support-case.eml");
        assertThat(ticket.get("ruleId").get("string").asText()).isEqualTo("aws-support-case");
        assertThat(ticket.get("extracted").get("caseId").asText()).isEqualTo("17654321098");
        assertThat(lines.get(2).get("value").get("stage").asText()).isEqualTo("PARSE");
    }

    @Test
    void shouldTicketTheRecipientOfAPlainTextBounceAsTheTopologyDoes() throws Exception {
        // when
        final CommandRun run = CommandRun.of("classify", "src/test/resources/bounces/plain-text-bounce.eml");

        // then: no multipart/report, so a reader of delivery-status parts alone would see no bounce
        assertThat(run.exitCode()).as(run.err()).isZero();
        final JsonNode ticket = lines(run.out()).get(0);
        assertThat(ticket.get("topic").asText()).isEqualTo("mail.ticket");
        assertThat(ticket.get("key").asText()).isEqualTo("bounce:-:kaito@example.net");
        final JsonNode bounce = ticket.get("value").get("bounces").get(0);
        assertThat(bounce.get("reason").asText()).isEqualTo("userunknown");
        assertThat(bounce.get("kind").get("string").asText()).isEqualTo("mta");
    }

    @Test
    void shouldReadAccountsFromOrganizationsJsonAndReportSkippedRows() {
        // when
        final CommandRun run = CommandRun.of("classify", "--accounts", MAILS + "/accounts.json", MAILS);

        // then
        assertThat(run.exitCode()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(run.err())
                .contains("skipped " + MAILS + "/accounts.json:12: account 210987654321 has no mail address");
        assertThat(run.out()).contains("\"topic\":\"mail.ticket\",\"key\":\"123456789012\"");
    }

    @Test
    void shouldClassifyWithTheGivenRulesInsteadOfTheDefaultPack() throws Exception {
        // given
        final Path rules = Files.writeString(dir.resolve("rules.yaml"), """
                rulesVersion: "local-1"
                rules:
                  - ruleId: everything-from-aws
                    category: aws
                    lanes: [NOTIFY]
                    requireOwner: false
                    conditions: [{field: FROM, op: CONTAINS, values: ['@amazon.com']}]
                """);

        // when
        final CommandRun run = CommandRun.of("classify", "--rules", rules.toString(), MAILS + "/aws-support-case.eml");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        final JsonNode notify = lines(run.out()).get(0);
        assertThat(notify.get("topic").asText()).isEqualTo("mail.notify");
        assertThat(notify.get("value").get("rulesVersion").asText()).isEqualTo("local-1");
    }

    @Test
    void shouldFailInOneLineOnAnInvalidRuleFileOrAMissingMail() throws Exception {
        // given
        final Path rules = Files.writeString(dir.resolve("bad.yaml"), "rulesVersion: '1'\nrules:\n  - {ruleId: x}\n");

        // when
        final CommandRun badRules =
                CommandRun.of("classify", "--rules", rules.toString(), MAILS + "/aws-support-case.eml");
        final CommandRun missing =
                CommandRun.of("classify", dir.resolve("nope.eml").toString());

        // then
        assertThat(badRules.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(badRules.err().strip())
                .isEqualTo(
                        "mailroute: " + rules + ": rule x: category: is required; " + rules
                                + ": rule x: conditions: needs at least one condition (a catch-all rule would hide every new pattern)");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(missing.err()).contains("no such mail file");
    }

    @Test
    void shouldGiveNoticesTheContactsOfTheContactsFileAndAlertOnOwnersWithout() throws Exception {
        // given: every AWS mail a notice of its owner
        final Path rules = Files.writeString(dir.resolve("rules.yaml"), """
                rulesVersion: "local-1"
                rules:
                  - ruleId: everything-from-aws
                    category: aws
                    lanes: [NOTIFY]
                    conditions: [{field: FROM, op: CONTAINS, values: ['@amazon.com']}]
                """);
        final Path accounts =
                Files.writeString(dir.resolve("accounts.csv"), "123456789012,aws-root-1@example.co.jp,Prod,ACTIVE\n");
        final Path contacts = Files.writeString(
                dir.resolve("contacts.csv"),
                "ownerId,recipients,locale\n123456789012,ops@example.co.jp;cto@example.co.jp,ja\nbad,,ja\n");
        final String mail = MAILS + "/aws-support-case.eml";

        // when
        final CommandRun with = CommandRun.of(
                "classify",
                "--rules",
                rules.toString(),
                "--accounts",
                accounts.toString(),
                "--contacts",
                contacts.toString(),
                mail);
        final CommandRun without =
                CommandRun.of("classify", "--rules", rules.toString(), "--accounts", accounts.toString(), mail);

        // then
        assertThat(with.exitCode()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(with.err()).contains("skipped " + contacts + ":3: no recipient");
        final List<JsonNode> withLines = lines(with.out());
        assertThat(withLines).extracting(l -> l.get("topic").asText()).containsExactly("mail.notify", "mail.status");
        final JsonNode ownerContacts =
                withLines.get(0).get("value").get("ownerContacts").get("io.mailroute.avro.OwnerContacts");
        assertThat(ownerContacts.get("recipients").toString())
                .isEqualTo("[\"ops@example.co.jp\",\"cto@example.co.jp\"]");
        assertThat(ownerContacts.get("locale").asText()).isEqualTo("ja");
        assertThat(without.exitCode()).as(without.err()).isZero();
        assertThat(lines(without.out()))
                .extracting(l -> l.get("topic").asText() + " " + l.get("key").asText())
                .containsExactly(
                        "mail.notify 123456789012",
                        "mail.status aws-support-case.eml",
                        "mail.alerts no-contacts:owner:123456789012");
    }
}
