package io.mailroute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.avro.Rule;
import io.mailroute.runtime.client.TopicReader;
import io.mailroute.runtime.command.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesApplyTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryStandsForItsYamlFilesInNameOrder() throws Exception {
        // given
        Files.writeString(dir.resolve("b.yml"), "");
        Files.writeString(dir.resolve("a.yaml"), "");
        Files.writeString(dir.resolve("notes.txt"), "");

        // when
        final List<Path> files = RulesApply.ruleFiles(List.of(dir));

        // then
        assertThat(files).containsExactly(dir.resolve("a.yaml"), dir.resolve("b.yml"));
    }

    @Test
    void aMissingPathOrAnEmptyDirectoryIsAnError() {
        assertThatThrownBy(() -> RulesApply.ruleFiles(List.of(dir.resolve("nope.yaml"))))
                .hasMessageContaining("no such rule file");
        assertThatThrownBy(() -> RulesApply.ruleFiles(List.of(dir))).hasMessageContaining("no rule files");
    }

    @Test
    void shouldPublishNothingWhenAPatternIsOneTheLinearTimeEngineCannotRunNamingFileRuleAndField() throws Exception {
        // given
        final Path good = Files.writeString(dir.resolve("a.yaml"), """
                rulesVersion: "1"
                rules:
                  - {ruleId: fine, category: c, conditions: [{field: SUBJECT, op: REGEX, values: ['\\binvoice\\b']}]}
                """);
        final Path bad = Files.writeString(dir.resolve("b.yaml"), """
                rulesVersion: "1"
                rules:
                  - ruleId: orders
                    category: order
                    conditions: [{field: SUBJECT, op: CONTAINS, values: [order]}]
                    extract:
                      - {name: orderNumber, from: BODY, pattern: '(?<=Order: )(\\d+)'}
                """);

        // when
        final CommandRun run = CommandRun.of("rules", "apply", "--dry-run", good.toString(), bad.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines())
                .containsExactly(
                        "mailroute: " + bad + ": rule orders: extract[0].pattern: is not a valid regex: "
                                + "lookbehind (?<= is not supported by the linear-time engine at index 0",
                        "mailroute: 1 problem(s) in the rule files; nothing published");
    }

    @Test
    void obsoleteRulesAreLiveRulesTheFilesNoLongerContain() {
        // given
        final Rule rule = new Rule();
        final List<TopicReader.Entry<Rule>> topic = List.of(
                new TopicReader.Entry<>("kept", rule, 0, 0, 0, null),
                new TopicReader.Entry<>("old", rule, 0, 1, 0, null),
                new TopicReader.Entry<>("dead", rule, 0, 2, 0, null),
                new TopicReader.Entry<>("dead", null, 0, 3, 0, null));

        // then
        assertThat(RulesApply.obsolete(topic, Set.of("kept", "new"))).containsExactly("old");
    }
}
