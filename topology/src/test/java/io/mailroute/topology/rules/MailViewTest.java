package io.mailroute.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.MatchField;
import io.mailroute.topology.bouncereport.BounceClassifier;
import io.mailroute.topology.parse.MailParser;
import io.mailroute.topology.parse.ParserSettings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MailViewTest {
    private static final MailParser PARSER = new MailParser(ParserSettings.LENIENT);

    private static MailView mail(final String headersAndBody) throws Exception {
        return new MailView(
                PARSER.parse(headersAndBody.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)),
                new BounceClassifier());
    }

    private static CompiledRule rule(final String conditions) throws Exception {
        final String yaml = "rulesVersion: '1'\nrules:\n  - ruleId: r\n    category: c\n"
                + "    ownerFallback: 'account (\\d{12})\\b'\n    conditions:\n" + conditions;
        final ByteArrayInputStream in = new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
        return RulesYaml.read("test.yaml", in, Instant.EPOCH).compile().rules().get(0);
    }

    @Test
    void shouldLeaveOutAnAddressLongerThanRfc5321AllowsInsteadOfCuttingIt() throws Exception {
        // given
        final String longest = "a".repeat(254 - "@example.com".length()) + "@example.com";
        final String labels = "x@" + "a.".repeat(30_000) + "example.com";
        final CompiledRule rule = rule("      - {field: FROM, op: REGEX, values: ['@example\\.com$']}\n");

        // when
        final MailView fits = mail("From: " + longest + "\nTo: " + longest + "\nSubject: s\n\nx\n");
        final MailView tooLong = mail("From: " + labels + "\nTo: " + labels + ", b@example.com\nSubject: s\n\nx\n");

        // then
        assertThat(fits.values(MatchField.FROM, null)).containsExactly(longest);
        assertThat(fits.values(MatchField.RECIPIENT, null)).containsExactly(longest);
        assertThat(rule.matches(fits)).isTrue();
        assertThat(tooLong.mail().from().getAddress()).isEqualTo(labels);
        assertThat(tooLong.values(MatchField.FROM, null)).isEmpty();
        assertThat(tooLong.values(MatchField.RECIPIENT, null)).containsExactly("b@example.com");
        assertThat(rule.matches(tooLong)).isFalse();
    }

    @Test
    void shouldCutALongSubjectRightBeforeACharacterThatIsNoWordCharacter() throws Exception {
        // given
        final String subject = "w".repeat(990) + " order" + "s".repeat(50) + " invoice";

        // when
        final MailView mail = mail("From: a@example.com\nSubject: " + subject + "\n\nx\n");

        // then
        assertThat(mail.values(MatchField.SUBJECT, null)).containsExactly(subject);
        assertThat(mail.prefixes(MatchField.SUBJECT, null)).containsExactly("w".repeat(990));
        assertThat(rule("      - {field: SUBJECT, op: REGEX, values: ['\\border\\b']}\n")
                        .matches(mail))
                .isFalse();
        assertThat(rule("      - {field: SUBJECT, op: CONTAINS, values: [invoice]}\n")
                        .matches(mail))
                .isFalse();
    }

    @Test
    void shouldReadWholeValuesWhereAPrefixCouldDecideOtherwise() throws Exception {
        // given
        final MailView mail = mail("From: a@example.com\nSubject: " + "w ".repeat(600) + "invoice\n\nx\n");

        // then
        assertThat(rule("      - {field: SUBJECT, op: REGEX, values: ['invoice']}\n")
                        .matches(mail))
                .isFalse();
        assertThat(rule("      - {field: SUBJECT, op: REGEX, values: ['invoice$']}\n")
                        .matches(mail))
                .isTrue();
        assertThat(rule("      - {field: SUBJECT, op: CONTAINS, values: [invoice], negate: true}\n")
                        .matches(mail))
                .isFalse();
        assertThat(rule("      - {field: SUBJECT, op: REGEX, values: ['invoice'], negate: true}\n")
                        .matches(mail))
                .isFalse();
    }

    @Test
    void shouldSearchTheOwnerInTheFirstCharactersOfTheBodyOnly() throws Exception {
        // given
        final CompiledRule rule = rule("      - {field: FROM, op: CONTAINS, values: [example]}\n");
        final String filler = "lorem ipsum ".repeat(MailView.OWNER_SEARCH_BODY_PREFIX / 12);

        // when
        final MailView early = mail("From: a@example.com\nSubject: s\n\naccount 123456789012\n" + filler);
        final MailView late = mail("From: a@example.com\nSubject: s\n\n" + filler + "account 123456789012\n");

        // then
        assertThat(rule.fallbackOwnerId(early)).contains("123456789012");
        assertThat(rule.fallbackOwnerId(late)).isEmpty();
    }
}
