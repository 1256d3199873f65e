package io.mailroute.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.cli.classify.InProcessTopology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generator: deterministic, SES-style keys, sizes as mixed, and mails the default rules route as intended. */
class MailGeneratorTest {
    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

    @Test
    void shouldGenerateTheSameMailsFromTheSameSeed() {
        // given
        final MailGenerator first = new MailGenerator(7, SizeMix.SMALL, false);
        final MailGenerator second = new MailGenerator(7, SizeMix.SMALL, false);
        final MailGenerator other = new MailGenerator(8, SizeMix.SMALL, false);

        // when / then
        for (int i = 0; i < 50; i++) {
            final GeneratedMail a = first.next();
            final GeneratedMail b = second.next();
            assertThat(b.key()).isEqualTo(a.key());
            assertThat(b.bytes()).isEqualTo(a.bytes());
        }
        assertThat(other.next().key())
                .isNotEqualTo(new MailGenerator(7, SizeMix.SMALL, false).next().key());
    }

    @Test
    void shouldUseUniqueSesStyleKeys() {
        // given
        final MailGenerator generator = new MailGenerator(1, SizeMix.SMALL, false);

        // when
        final Set<String> keys = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            keys.add(generator.next().key());
        }

        // then
        assertThat(keys).hasSize(2_000).allMatch(k -> k.matches("incoming/[a-z0-9]{40}"));
    }

    @Test
    void shouldKeepSizesWithinTheMix() {
        // given
        final Random random = new Random(3);

        // when / then
        for (int i = 0; i < 1_000; i++) {
            assertThat(SizeMix.SMALL.targetBytes(random)).isBetween(1024, 8 * 1024);
            assertThat(SizeMix.REALISTIC.targetBytes(random)).isBetween(1024, 20 * 1024 * 1024);
            assertThat(SizeMix.LARGE.targetBytes(random)).isBetween(1024 * 1024, 20 * 1024 * 1024);
        }
        final MailGenerator generator = new MailGenerator(5, SizeMix.SMALL, false);
        for (int i = 0; i < 200; i++) {
            final GeneratedMail mail = generator.next();
            if (mail.kind() != MailKind.MALFORMED) {
                assertThat(mail.bytes().length).as(mail.kind().name()).isBetween(300, 8 * 1024 + 2_048);
            }
        }
    }

    @Test
    void shouldGenerateMailTheDefaultRulesRouteToTheirLanes() throws Exception {
        // given
        final MailGenerator generator = new MailGenerator(11, SizeMix.SMALL, false);
        final Map<MailKind, List<Set<String>>> topicsByKind = new EnumMap<>(MailKind.class);

        // when
        try (InProcessTopology topology = new InProcessTopology(generator.accounts(), List.of(), NOW)) {
            for (int i = 0; i < 250; i++) {
                final GeneratedMail mail = generator.next();
                final Set<String> topics = topology.classify(mail.key(), mail.bytes(), NOW).stream()
                        .map(InProcessTopology.Output::topic)
                        .collect(Collectors.toSet());
                topicsByKind
                        .computeIfAbsent(mail.kind(), k -> new ArrayList<>())
                        .add(topics);
            }
        }

        // then: every kind occurs, each valid one reaches its lane, every mail has an outcome
        assertThat(topicsByKind.keySet())
                .containsAll(Set.of(
                        MailKind.AWS_NOTICE_EN,
                        MailKind.AWS_NOTICE_JA,
                        MailKind.AWS_NOTICE_SJIS,
                        MailKind.MARKETPLACE_ORDER,
                        MailKind.DSN_BOUNCE,
                        MailKind.SPOOFED,
                        MailKind.UNKNOWN_PATTERN,
                        MailKind.MALFORMED));
        assertThat(topicsByKind.get(MailKind.AWS_NOTICE_EN))
                .allMatch(t -> t.contains("mail.notify") || t.contains("mail.ticket"));
        assertThat(topicsByKind.get(MailKind.AWS_NOTICE_JA)).allMatch(t -> t.contains("mail.notify"));
        assertThat(topicsByKind.get(MailKind.AWS_NOTICE_SJIS)).allMatch(t -> t.contains("mail.notify"));
        assertThat(topicsByKind.get(MailKind.MARKETPLACE_ORDER)).allMatch(t -> t.contains("mail.order-import"));
        assertThat(topicsByKind.get(MailKind.DSN_BOUNCE)).allMatch(t -> t.contains("mail.ticket"));
        assertThat(topicsByKind.get(MailKind.SPOOFED)).allMatch(t -> t.contains("mail.quarantine"));
        assertThat(topicsByKind.get(MailKind.UNKNOWN_PATTERN)).allMatch(t -> t.contains("mail.retry"));
        topicsByKind
                .values()
                .forEach(all -> assertThat(all).allMatch(t -> t.contains("mail.status") || t.contains("mail.dlq")));
    }

    @Test
    void shouldFuzzValidMailIntoMailThatStillGetsAnOutcome() throws Exception {
        // given
        final MailGenerator fuzzer = new MailGenerator(13, SizeMix.SMALL, true);

        // when / then
        try (InProcessTopology topology = new InProcessTopology(fuzzer.accounts(), List.of(), NOW)) {
            for (int i = 0; i < 100; i++) {
                final GeneratedMail mail = fuzzer.next();
                assertThat(mail.kind()).isEqualTo(MailKind.FUZZED);
                assertThat(topology.classify(mail.key(), mail.bytes(), NOW))
                        .extracting(InProcessTopology.Output::topic)
                        .containsAnyOf("mail.status", "mail.dlq");
            }
        }
    }
}
