package io.mailroute.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.mailroute.avro.Alert;
import io.mailroute.avro.AlertLevel;
import io.mailroute.avro.AlertType;
import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.Lane;
import io.mailroute.avro.MailStatus;
import io.mailroute.avro.OwnerContacts;
import io.mailroute.avro.OwnerOutcome;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notices carry their owner's contacts from mail.contacts; a notice nobody receives raises an alert. */
class OwnerContactsTest {
    private static final String ROOT = "aws-root@example.co.jp";
    private static final String ACCOUNT = "123456789012";

    private TestPipeline pipeline;

    @BeforeEach
    void start() {
        pipeline = new TestPipeline("OwnerContactsTest");
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    /** An AWS abuse report to {@code to}: the default pack's aws-abuse-report rule, lanes TICKET and NOTIFY. */
    private static byte[] abuseReport(final String to) {
        return TestMails.mail(
                "AWS Abuse <ec2-abuse@amazon.com>",
                to,
                "Your AWS Abuse Report [12345678]",
                "Abuse case 12345678: an instance of your account sends spam.");
    }

    @Test
    void shouldGiveANoticeTheContactsOfItsOwner() {
        // given
        pipeline.addAccount(ACCOUNT, ROOT, "Prod");
        pipeline.contacts.pipeInput(
                ACCOUNT,
                OwnerContacts.newBuilder(TestPipeline.contacts(ACCOUNT, "ja", "ops@example.co.jp", "cto@example.co.jp"))
                        .setName("Example Ops")
                        .build());

        // when
        pipeline.send(TestPipeline.inline("m-1", TestMails.awsBilling(ROOT)));

        // then
        final ClassifiedMail notice = pipeline.notify.readValue();
        assertThat(notice.getOwnerId()).isEqualTo(ACCOUNT);
        assertThat(notice.getOwnerContacts().getRecipients()).containsExactly("ops@example.co.jp", "cto@example.co.jp");
        assertThat(notice.getOwnerContacts().getLocale()).isEqualTo("ja");
        assertThat(notice.getOwnerContacts().getName()).isEqualTo("Example Ops");
        assertThat(pipeline.alerts.isEmpty()).isTrue();
        assertThat(pipeline.status.readValue().getOwners())
                .extracting(OwnerOutcome::getDetail)
                .containsOnlyNulls();
    }

    @Test
    void shouldStillWriteANoticeWithoutContactsAndAlertOnItsOwner() {
        // given: the owner is known, its contacts are not
        pipeline.addAccount(ACCOUNT, ROOT, "Prod");

        // when
        pipeline.send(TestPipeline.inline("m-1", TestMails.awsBilling(ROOT)));

        // then
        final KeyValue<String, ClassifiedMail> notice = pipeline.notify.readKeyValue();
        assertThat(notice.key).isEqualTo(ACCOUNT);
        assertThat(notice.value.getOwnerContacts()).isNull();
        final KeyValue<String, Alert> alert = pipeline.alerts.readKeyValue();
        assertThat(pipeline.alerts.isEmpty()).isTrue();
        assertThat(alert.key).isEqualTo("no-contacts:owner:" + ACCOUNT);
        assertThat(alert.value.getAlertKey()).isEqualTo(alert.key);
        assertThat(alert.value.getType()).isEqualTo(AlertType.NO_CONTACTS);
        assertThat(alert.value.getLevel()).isEqualTo(AlertLevel.WARNING);
        assertThat(alert.value.getScope()).isEqualTo("owner:" + ACCOUNT);
        assertThat(alert.value.getCount()).isEqualTo(1);
        assertThat(alert.value.getSampleMailIds()).containsExactly("m-1");
        assertThat(alert.value.getAttributes())
                .containsEntry("ownerId", ACCOUNT)
                .containsEntry("ownerName", "Prod")
                .containsEntry("category", "aws-billing");
        assertThat(alert.value.getMessage()).contains(ACCOUNT, "mailroute contacts import");
        final MailStatus status = pipeline.status.readValue();
        assertThat(status.getOwners().get(0).getDetail()).contains("without contacts");
    }

    @Test
    void shouldFollowContactsThatChangeOrAreRemoved() {
        // given
        pipeline.addAccount(ACCOUNT, ROOT, "Prod");
        pipeline.addContacts(ACCOUNT, "ja", "old@example.co.jp");

        // when
        pipeline.send(TestPipeline.inline("m-1", TestMails.awsBilling(ROOT)));
        pipeline.addContacts(ACCOUNT, "en", "new@example.co.jp");
        pipeline.send(TestPipeline.inline("m-2", TestMails.awsBilling(ROOT)));
        pipeline.contacts.pipeInput(ACCOUNT, null); // tombstone: the owner left the contacts file
        pipeline.send(TestPipeline.inline("m-3", TestMails.awsBilling(ROOT)));

        // then
        final List<ClassifiedMail> notices = pipeline.notify.readValuesToList();
        assertThat(notices).extracting(ClassifiedMail::getMailId).containsExactly("m-1", "m-2", "m-3");
        assertThat(notices.get(0).getOwnerContacts().getRecipients()).containsExactly("old@example.co.jp");
        assertThat(notices.get(0).getOwnerContacts().getLocale()).isEqualTo("ja");
        assertThat(notices.get(1).getOwnerContacts().getRecipients()).containsExactly("new@example.co.jp");
        assertThat(notices.get(1).getOwnerContacts().getLocale()).isEqualTo("en");
        assertThat(notices.get(2).getOwnerContacts()).isNull();
        assertThat(pipeline.alerts.readValuesToList())
                .extracting(Alert::getType, a -> a.getSampleMailIds().get(0))
                .containsExactly(tuple(AlertType.NO_CONTACTS, "m-3"));
    }

    @Test
    void shouldTreatContactsWithoutRecipientsAsNone() {
        // given
        pipeline.addAccount(ACCOUNT, ROOT, "Prod");
        pipeline.addContacts(ACCOUNT, "ja");

        // when
        pipeline.send(TestPipeline.inline("m-1", TestMails.awsBilling(ROOT)));

        // then
        assertThat(pipeline.notify.readValue().getOwnerContacts()).isNull();
        assertThat(pipeline.alerts.readValue().getAlertKey()).isEqualTo("no-contacts:owner:" + ACCOUNT);
    }

    @Test
    void shouldAlertOnlyOnTheOwnersWithoutContactsOfASharedAddress() {
        // given: one address, two accounts, one with contacts
        pipeline.addAccount("111111111111", "billing@example.co.jp", "A");
        pipeline.addAccount("222222222222", "billing@example.co.jp", "B");
        pipeline.addContacts("111111111111", "en", "a-ops@example.co.jp");

        // when
        pipeline.send(TestPipeline.inline("m-1", TestMails.awsBilling("billing@example.co.jp")));

        // then
        final Map<String, ClassifiedMail> notices = pipeline.notify.readKeyValuesToMap();
        assertThat(notices.get("111111111111").getOwnerContacts().getRecipients())
                .containsExactly("a-ops@example.co.jp");
        assertThat(notices.get("222222222222").getOwnerContacts()).isNull();
        assertThat(pipeline.alerts.readKeyValuesToMap()).containsOnlyKeys("no-contacts:owner:222222222222");
    }

    @Test
    void shouldGiveContactsToNoticesOnlyNotToTheOtherLanes() {
        // given
        pipeline.addAccount(ACCOUNT, ROOT, "Prod");
        pipeline.addContacts(ACCOUNT, "ja", "ops@example.co.jp");

        // when: an abuse report goes to the ticket and the notify lane
        pipeline.send(TestPipeline.inline("m-1", abuseReport(ROOT)));

        // then
        final ClassifiedMail ticket = pipeline.ticket.readValue();
        assertThat(ticket.getLane()).isEqualTo(Lane.TICKET);
        assertThat(ticket.getOwnerContacts()).isNull();
        assertThat(pipeline.notify.readValue().getOwnerContacts().getRecipients())
                .containsExactly("ops@example.co.jp");
        assertThat(pipeline.alerts.isEmpty()).isTrue();
    }
}
