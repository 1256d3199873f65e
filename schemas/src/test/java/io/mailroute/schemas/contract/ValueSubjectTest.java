package io.mailroute.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.schemas.serde.SubjectNameStrategy;
import io.mailroute.schemas.topics.MailTopic;
import io.mailroute.schemas.topics.TopicNames;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueSubjectTest {

    @Test
    void shouldNameOneSubjectPerTopicAfterItsConfiguredName() {
        // given
        final TopicNames names = TopicNames.from(Map.of(TopicNames.PREFIX_CONFIG, "t1."));

        // when
        final var subjects = ValueSubject.all(names, SubjectNameStrategy.TOPIC_NAME);

        // then
        assertThat(subjects).hasSize(MailTopic.values().length);
        assertThat(subjects.get(0).subject()).isEqualTo("t1.mail.raw-value");
        assertThat(subjects.get(0).schema().getFullName()).isEqualTo("io.mailroute.avro.RawMail");
    }

    @Test
    void shouldNameOneSubjectPerRecordUnderTheRecordNameStrategy() {
        // when: the four lanes share ClassifiedMail, raw and overflow share RawMail
        final var subjects = ValueSubject.all(TopicNames.defaults(), SubjectNameStrategy.RECORD_NAME);

        // then
        assertThat(subjects)
                .hasSize(MailTopic.values().length - 4)
                .allSatisfy(s -> assertThat(s.subject()).isEqualTo(s.schema().getFullName()));
    }
}
