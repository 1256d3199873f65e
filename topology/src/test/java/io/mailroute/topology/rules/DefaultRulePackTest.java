package io.mailroute.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.AuthRequirement;
import io.mailroute.avro.Lane;
import io.mailroute.avro.Rule;
import io.mailroute.avro.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DefaultRulePackTest {

    @Test
    void shouldBeTheRulesFileOfTheRepositoryBuiltIntoTheJar() throws Exception {
        // when
        final RulePack jar = DefaultRulePack.load();
        final RulePack repository = RulesYaml.read(Path.of("../rules/default.yaml"), Instant.EPOCH);

        // then
        assertThat(jar.rules()).isEqualTo(repository.rules());
        assertThat(Files.readString(Path.of("../rules/default.yaml")))
                .contains("rulesVersion: \"" + jar.rulesVersion() + "\"");
    }

    @Test
    void shouldCoverWhatAUserExpectsOutOfTheBox() {
        // when
        final Map<String, Rule> rules =
                DefaultRulePack.load().rules().stream().collect(Collectors.toMap(Rule::getRuleId, Function.identity()));

        // then
        assertThat(rules)
                .containsOnlyKeys(
                        "dsn-bounce",
                        "aws-abuse-report",
                        "aws-account-compromise",
                        "aws-ses-review",
                        "aws-support-case",
                        "aws-billing",
                        "aws-health",
                        "aws-marketing",
                        "rakuten-order",
                        "amazon-seller-order",
                        "yahoo-shopping-order");
        assertThat(rules.values())
                .filteredOn(r -> r.getRuleId().startsWith("aws-"))
                .allSatisfy(r -> assertThat(r.getRequireAuth()).isEqualTo(AuthRequirement.DMARC_OR_DKIM));
        assertThat(rules.values())
                .filteredOn(r -> r.getSeverity() == Severity.URGENT)
                .allSatisfy(r -> assertThat(r.getLanes()).containsExactlyInAnyOrder(Lane.TICKET, Lane.NOTIFY))
                .hasSize(3);
        assertThat(rules.get("aws-marketing").getLanes()).isEmpty();
        assertThat(rules.get("dsn-bounce").getCategory()).isEqualTo("bounce");
        assertThat(rules.values())
                .filteredOn(r -> r.getCategory().equals("order"))
                .allSatisfy(r -> assertThat(r.getExtract())
                        .extracting(e -> e.getName())
                        .contains("orderNumber", "orderDate", "buyerName", "total"))
                .hasSize(3);
    }
}
