package io.mailroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.runtime.command.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldExplainWhichRuleMatchesAndWhyOthersDoNot() {
        // when
        final CommandRun run = CommandRun.of("rules", "test", "src/test/resources/classify/aws-support-case.eml");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("subject:    RE: [CASE 17654321098] EC2 instance unreachable – us-east-1")
                .contains("verdicts:   spf=PASS dkim=PASS dmarc=PASS spam=PASS virus=PASS")
                .contains("  - dsn-bounce (priority 1000): no", "fails: IS_BOUNCE EXACT [true]")
                .contains("  + aws-support-case (priority 800): MATCH")
                .contains("requireAuth DMARC_OR_DKIM: passed", "extracted: {caseId=17654321098}")
                .contains("  - aws-billing (priority 700): no");
    }

    @Test
    void shouldFindTheBounceOfAPlainTextBounceAsTheTopologyDoes() {
        // when: no multipart/report, so a reader of delivery-status parts alone would see no bounce
        final CommandRun run = CommandRun.of("rules", "test", "src/test/resources/bounces/plain-text-bounce.eml");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("bounce:     1 recipient(s)", "  + dsn-bounce (priority 1000): MATCH");
    }

    @Test
    void shouldExitWithFailureWhenNoRuleMatches() throws Exception {
        // given
        final Path mail = Files.writeString(
                dir.resolve("digest.eml"), "From: weekly@news.example.org\r\nSubject: Digest\r\n\r\nx\r\n");

        // when
        final CommandRun run = CommandRun.of("rules", "test", mail.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.out()).contains("no rule matches: the mail would wait in mail.retry as UNCLASSIFIED");
    }

    @Test
    void shouldRejectAPatternTheLinearTimeEngineCannotRunNamingFileRuleAndField() throws Exception {
        // given
        final Path rules = Files.writeString(dir.resolve("lookahead.yaml"), """
                rulesVersion: "1"
                rules:
                  - ruleId: invoices
                    category: billing
                    conditions:
                      - {field: FROM, op: CONTAINS, values: [billing]}
                      - {field: SUBJECT, op: REGEX, values: ['invoice', '(?i)invoice(?! paid)']}
                """);

        // when
        final CommandRun run = CommandRun.of(
                "rules", "test", "--rules", rules.toString(), "src/test/resources/classify/aws-support-case.eml");

        // then
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("mailroute: " + rules + ": rule invoices: conditions[1].values[1]: "
                        + "is not a valid regex: negative lookahead (?! is not supported by the linear-time engine at index 11"
                        + System.lineSeparator());
    }

    @Test
    void shouldFailInOneLineOnInputThatIsNoMail() {
        // when
        final CommandRun run = CommandRun.of("rules", "test", "src/test/resources/classify/not-a-mail.eml");

        // then
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).startsWith("mailroute: src/test/resources/classify/not-a-mail.eml is not a mail");
    }
}
