package io.mailroute.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.MailStatus;
import io.mailroute.avro.Outcome;
import io.mailroute.avro.RawMail;
import io.mailroute.avro.RawRef;
import io.mailroute.avro.RetryMail;
import io.mailroute.avro.RetryReason;
import io.mailroute.avro.Stage;
import io.mailroute.avro.Storage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WaitingMailsTest {
    private static final Instant AT = Instant.parse("2026-11-23T08:00:00Z");
    private static final RawRef REF = RawRef.newBuilder()
            .setBucket("mail-inbound")
            .setKey("m-1")
            .setSize(5)
            .setSha256("00")
            .build();

    private static RetryMail retry(final int attempt) {
        final RawMail mail = RawMail.newBuilder()
                .setMailId("m-1")
                .setBucket("mail-inbound")
                .setKey("m-1")
                .setSize(5)
                .setSha256("00")
                .setReceivedAt(AT)
                .setIngestedAt(AT)
                .setStorage(Storage.CLAIM_CHECK)
                .build();
        return RetryMail.newBuilder()
                .setMailId("m-1")
                .setReason(RetryReason.ACCOUNT_UNKNOWN)
                .setAttempt(attempt)
                .setMaxAttempts(5)
                .setFirstAttemptAt(AT)
                .setNextAttemptAt(AT)
                .setMail(mail)
                .setRaw(REF)
                .build();
    }

    private static MailStatus status(final Outcome outcome, final int attempt) {
        return MailStatus.newBuilder()
                .setMailId("m-1")
                .setStage(Stage.OWNER_LOOKUP)
                .setOutcome(outcome)
                .setAttempt(attempt)
                .setReceivedAt(AT)
                .setUpdatedAt(AT)
                .setRaw(REF)
                .build();
    }

    @Test
    void shouldCountAMailAsWaitingOnlyWhileItsStatusIsRetryPendingForTheSameAttempt() {
        assertThat(WaitingMails.isWaiting(retry(2), status(Outcome.RETRY_PENDING, 2)))
                .isTrue();
        assertThat(WaitingMails.isWaiting(retry(2), status(Outcome.ROUTED, 3)))
                .as("released and routed")
                .isFalse();
        assertThat(WaitingMails.isWaiting(retry(2), status(Outcome.IN_PROGRESS, 2)))
                .isFalse();
        assertThat(WaitingMails.isWaiting(retry(1), status(Outcome.RETRY_PENDING, 2)))
                .as("a stale wait")
                .isFalse();
        assertThat(WaitingMails.isWaiting(retry(1), null)).as("no status").isFalse();
        assertThat(WaitingMails.isWaiting(null, status(Outcome.RETRY_PENDING, 1)))
                .as("the wait ended")
                .isFalse();
    }

    @Test
    void shouldSayWhyAMailIsNotWaiting() {
        assertThat(WaitingMails.notWaitingReason(retry(2), status(Outcome.ROUTED, 3)))
                .isEqualTo("its status is ROUTED at attempt 3, not RETRY_PENDING at attempt 2");
        assertThat(WaitingMails.notWaitingReason(retry(2), null)).isEqualTo("it has no status");
        assertThat(WaitingMails.notWaitingReason(null, null))
                .isEqualTo("its wait has ended (it was released or processed again)");
    }
}
