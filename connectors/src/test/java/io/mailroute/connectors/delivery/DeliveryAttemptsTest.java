package io.mailroute.connectors.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.avro.Delivery;
import io.mailroute.avro.DeliveryChannel;
import io.mailroute.avro.DeliveryOutcome;
import io.mailroute.connectors.delivery.DeliveryAttempts.Reply;
import io.mailroute.connectors.delivery.DeliveryAttempts.Result;
import io.mailroute.connectors.delivery.DeliveryAttempts.Target;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One delivery attempt of any channel: outcomes recorded, attempts counted, backoff, give-up and the failure kinds. */
class DeliveryAttemptsTest {
    private static final Target TARGET =
            new Target("m-1", "o-1", DeliveryChannel.HELPDESK, List.of("https://helpdesk.example"));
    private static final String KEY = "m-1|o-1|HELPDESK";

    private final InMemoryDeliveryLog log = new InMemoryDeliveryLog();
    private final List<String> durable = new ArrayList<>();
    private DeliveryAttempts attempts;

    @BeforeEach
    void setUp() {
        final DeliveryLog recordingDurability = new DeliveryLog() {
            @Override
            public boolean delivered(final String key) {
                return log.delivered(key);
            }

            @Override
            public void record(final String key, final Delivery delivery, final boolean isDurable) {
                if (isDurable) {
                    durable.add(key + " " + delivery.getOutcome());
                }
                log.record(key, delivery, isDurable);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        attempts = new DeliveryAttempts(
                recordingDurability, new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(150)), Time.SYSTEM);
    }

    private static DeliveryFailure slow() {
        return DeliveryFailure.transientFailure("HTTP 503 busy", Optional.empty(), new IOException("busy"));
    }

    @Test
    void shouldRecordADeliveryDurablyWithTheReplyAndWhomItReachedAndNeverAttemptItAgain() throws Exception {
        // given
        final AtomicInteger runs = new AtomicInteger();
        final DeliveryAttempts.Attempt attempt = () -> {
            runs.incrementAndGet();
            return new Reply("HTTP 201 created", List.of("https://helpdesk.example/tickets/7"));
        };

        // when
        final Result first = attempts.deliver(TARGET, attempt);
        final Result again = attempts.deliver(TARGET, attempt);

        // then
        assertThat(first).isEqualTo(Result.DELIVERED);
        assertThat(again).isEqualTo(Result.ALREADY_DELIVERED);
        assertThat(runs).hasValue(1);
        assertThat(log.recorded).hasSize(1);
        final Delivery delivery = log.latest(KEY);
        assertThat(delivery.getMailId()).isEqualTo("m-1");
        assertThat(delivery.getOwnerId()).isEqualTo("o-1");
        assertThat(delivery.getChannel()).isEqualTo(DeliveryChannel.HELPDESK);
        assertThat(delivery.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(delivery.getDetail()).isEqualTo("HTTP 201 created");
        assertThat(delivery.getRecipients()).containsExactly("https://helpdesk.example/tickets/7");
        assertThat(delivery.getAttempt()).isEqualTo(1);
        assertThat(durable).containsExactly(KEY + " DELIVERED");
    }

    @Test
    void shouldRetryATransientFailureWithADoublingBoundedBackoffThenGiveUp() {
        // when / then: RETRYING after 100 ms, then after 150 ms (the maximum), then FAILED at the third attempt
        assertThatThrownBy(() -> attempts.deliver(TARGET, () -> {
                    throw slow();
                }))
                .isInstanceOfSatisfying(Retry.class, r -> {
                    assertThat(r.backoff()).isEqualTo(Duration.ofMillis(100));
                    assertThat(r).hasMessage(KEY + " failed transiently: HTTP 503 busy");
                    assertThat(r).hasCauseInstanceOf(IOException.class);
                });
        final Delivery retrying = log.latest(KEY);
        assertThat(retrying.getOutcome()).isEqualTo(DeliveryOutcome.RETRYING);
        assertThat(retrying.getDetail()).isEqualTo("HTTP 503 busy");
        assertThat(retrying.getRecipients()).containsExactly("https://helpdesk.example");
        assertThat(retrying.getAttempt()).isEqualTo(1);
        assertThatThrownBy(() -> attempts.deliver(TARGET, () -> {
                    throw slow();
                }))
                .isInstanceOfSatisfying(
                        Retry.class, r -> assertThat(r.backoff()).isEqualTo(Duration.ofMillis(150)));
        assertThatThrownBy(() -> attempts.deliver(TARGET, () -> {
                    throw slow();
                }))
                .isInstanceOf(Undeliverable.class)
                .hasMessage("gave up after 3 attempts: HTTP 503 busy")
                .hasCauseInstanceOf(IOException.class);
        final Delivery failed = log.latest(KEY);
        assertThat(failed.getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(failed.getAttempt()).isEqualTo(3);
        assertThat(durable).isEmpty();
    }

    @Test
    void shouldWaitTheRemotesRetryAfterAndCountAttemptsUntilTheDelivery() throws Exception {
        // given
        final DeliveryFailure throttled = DeliveryFailure.transientFailure(
                "HTTP 429 slow down", Optional.of(Duration.ofSeconds(7)), new IOException("429"));

        // when / then
        assertThatThrownBy(() -> attempts.deliver(TARGET, () -> {
                    throw throttled;
                }))
                .isInstanceOfSatisfying(
                        Retry.class, r -> assertThat(r.backoff()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(attempts.deliver(TARGET, () -> new Reply("HTTP 200", TARGET.recipients())))
                .isEqualTo(Result.DELIVERED);
        assertThat(log.latest(KEY).getAttempt()).isEqualTo(2);
    }

    @Test
    void shouldGiveUpAPermanentFailureAtOnceWithItsReason() {
        final IllegalStateException cause = new IllegalStateException("422");

        assertThatThrownBy(() -> attempts.deliver(TARGET, () -> {
                    throw DeliveryFailure.permanent("HTTP 422 invalid", cause);
                }))
                .isInstanceOf(Undeliverable.class)
                .hasMessage("HTTP 422 invalid")
                .hasCause(cause);
        final Delivery failed = log.latest(KEY);
        assertThat(failed.getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(failed.getDetail()).isEqualTo("HTTP 422 invalid");
        assertThat(failed.getRecipients()).containsExactly("https://helpdesk.example");
        assertThat(failed.getAttempt()).isEqualTo(1);
    }

    @Test
    void shouldFailTheTaskOnAFatalFailureWithoutRecordingAnOutcome() {
        final IllegalStateException cause = new IllegalStateException("535");

        assertThatThrownBy(() -> attempts.deliver(TARGET, () -> {
                    throw DeliveryFailure.fatal("authentication failed", cause);
                }))
                .isInstanceOf(ConnectException.class)
                .hasMessage("authentication failed")
                .hasCause(cause);
        assertThat(log.recorded).isEmpty();
    }

    @Test
    void shouldRecordARefusalAsFailedWithoutADeadLetterUnlessDeliveredBefore() throws Exception {
        // given
        final Target nobody = new Target("m-2", "o-2", DeliveryChannel.SMTP, List.of());

        // when
        final Result refused = attempts.refuse(nobody, "no recipients");
        attempts.deliver(TARGET, () -> new Reply("HTTP 200", TARGET.recipients()));
        final Result afterDelivery = attempts.refuse(TARGET, "no recipients");

        // then
        assertThat(refused).isEqualTo(Result.FAILED);
        final Delivery failed = log.latest("m-2|o-2|SMTP");
        assertThat(failed.getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(failed.getDetail()).isEqualTo("no recipients");
        assertThat(failed.getRecipients()).isEmpty();
        assertThat(failed.getAttempt()).isEqualTo(1);
        assertThat(afterDelivery).isEqualTo(Result.ALREADY_DELIVERED);
        assertThat(log.latest(KEY).getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
    }

    @Test
    void shouldClipTheDetailToAThousandCharacters() throws Exception {
        attempts.deliver(TARGET, () -> new Reply("x".repeat(1_500), TARGET.recipients()));

        final String detail = log.latest(KEY).getDetail();
        assertThat(detail).hasSize(DeliveryAttempts.MAX_DETAIL).endsWith("x…");
        assertThat(DeliveryAttempts.clip("short")).isEqualTo("short");
        assertThat(DeliveryAttempts.clip(null)).isNull();
    }

    @Test
    void shouldDoubleTheBackoffUpToTheMaximumWithoutOverflowing() {
        final RetryPolicy policy = new RetryPolicy(100, Duration.ofMillis(1_000), Duration.ofMillis(60_000));

        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(1_000));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(2_000));
        assertThat(policy.backoff(6)).isEqualTo(Duration.ofMillis(32_000));
        assertThat(policy.backoff(7)).isEqualTo(Duration.ofMillis(60_000));
        assertThat(policy.backoff(99)).isEqualTo(Duration.ofMillis(60_000));
    }
}
