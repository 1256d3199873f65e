package io.mailroute.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.topology.HostileText;
import io.mailroute.topology.bouncereport.BounceClassifier;
import io.mailroute.topology.parse.MailParser;
import io.mailroute.topology.parse.ParserSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every rule of the default pack, timed on mails whose subject, a header and the body are hostile
 * text, sent from an address the rule's FROM condition accepts so that its other conditions run
 * as well; and on a mail whose From is an address of 30,000 domain labels.
 */
class HostileRulesTest {
    private static final MailParser PARSER = new MailParser(ParserSettings.LENIENT);
    private static final RuleSet PACK = DefaultRulePack.load().compile();
    /** The parser's limit of a header value. */
    private static final int FIELD_CHARS = 64 * 1024;
    /** A sender each rule's FROM condition accepts. */
    private static final Map<String, String> SENDERS = Map.ofEntries(
            Map.entry("dsn-bounce", "MAILER-DAEMON@example.com"),
            Map.entry("aws-abuse-report", "aws-notifications@amazon.com"),
            Map.entry("aws-account-compromise", "aws-notifications@amazon.com"),
            Map.entry("aws-ses-review", "aws-notifications@amazon.com"),
            Map.entry("aws-support-case", "aws-notifications@amazon.com"),
            Map.entry("aws-billing", "aws-notifications@amazon.com"),
            Map.entry("aws-health", "aws-notifications@amazon.com"),
            Map.entry("aws-marketing", "aws-notifications@amazon.com"),
            Map.entry("rakuten-order", "order@rakuten.co.jp"),
            Map.entry("amazon-seller-order", "seller-notification@amazon.co.jp"),
            Map.entry("yahoo-shopping-order", "order@shopping.yahoo.co.jp"));

    @Test
    void shouldKnowASenderForEveryRuleOfThePack() {
        assertThat(PACK.rules()).extracting(CompiledRule::id).containsExactlyInAnyOrderElementsOf(SENDERS.keySet());
    }

    @Test
    void shouldEvaluateEveryRuleOnHostileMailsWithinTheBound() throws Exception {
        final Map<String, Duration> slowest = new LinkedHashMap<>();
        final Map<String, String> slowestOn = new LinkedHashMap<>();
        for (final String sender : SENDERS.values().stream().distinct().toList()) {
            for (final Map.Entry<String, String> text : HostileText.samples().entrySet()) {
                final MailView mail = mail(sender, text.getValue());
                for (final CompiledRule rule : rulesFrom(sender)) {
                    final Duration took =
                            HostileText.time(rule.id() + " on " + text.getKey(), () -> evaluate(rule, mail));
                    assertThat(rule.explain(mail))
                            .as("%s reads past its FROM condition", rule.id())
                            .noneMatch(line -> line.startsWith("fails: FROM"));
                    if (took.compareTo(slowest.getOrDefault(rule.id(), Duration.ZERO)) >= 0) {
                        slowest.put(rule.id(), took);
                        slowestOn.put(rule.id(), text.getKey());
                    }
                }
            }
        }
        slowest.forEach((rule, took) ->
                System.out.printf("rule %-24s slowest %5d ms (%s)%n", rule, took.toMillis(), slowestOn.get(rule)));
    }

    @Test
    void shouldEvaluateEveryRuleOnAFromOfThirtyThousandDomainLabelsWithinTheBound() throws Exception {
        final MailView mail = mail("x@" + "a.".repeat(30_000) + "amazonaws.com", "abuse report");
        for (final CompiledRule rule : PACK.rules()) {
            HostileText.time(rule.id() + " on a From of 30,000 labels", () -> evaluate(rule, mail));
            assertThat(rule.matches(mail)).as(rule.id()).isFalse();
        }
    }

    private static List<CompiledRule> rulesFrom(final String sender) {
        return PACK.rules().stream()
                .filter(rule -> SENDERS.get(rule.id()).equals(sender))
                .toList();
    }

    private static MailView mail(final String from, final String text) throws Exception {
        final String field = text.substring(0, Math.min(text.length(), FIELD_CHARS));
        final byte[] raw = ("From: " + from + "\r\nTo: root@example.com\r\nSubject: " + field + "\r\nList-Unsubscribe: "
                        + field + "\r\n\r\n" + text)
                .getBytes(StandardCharsets.UTF_8);
        return new MailView(PARSER.parse(raw), new BounceClassifier());
    }

    private static void evaluate(final CompiledRule rule, final MailView mail) {
        rule.matches(mail);
        rule.extract(mail);
        rule.fallbackOwnerId(mail);
    }
}
