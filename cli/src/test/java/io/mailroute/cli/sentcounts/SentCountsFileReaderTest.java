package io.mailroute.cli.sentcounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.avro.SentCount;
import io.mailroute.avro.SentScope;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SentCountsFileReaderTest {

    @Test
    void shouldReadOwnerAndDomainCountsWithAnOptionalHeaderAndSource() {
        // when
        final SentCountsFile file = SentCountsFileReader.csv("sent.csv", """
                scope,id,count,windowStart,windowEnd,source
                # from GetSendStatistics
                owner,123456789012,1520,2026-11-20T09:00:00Z,2026-11-20T09:15:00Z,ses-send-statistics
                DOMAIN,Mailer.Example.COM,0,2026-11-20T18:00:00+09:00,2026-11-20T10:00:00
                """);

        // then
        assertThat(file.problems()).isEmpty();
        assertThat(file.counts()).hasSize(2);
        final SentCount owner = file.counts().get(0);
        assertThat(owner.getScope()).isEqualTo(SentScope.OWNER);
        assertThat(owner.getId()).isEqualTo("123456789012");
        assertThat(owner.getCount()).isEqualTo(1520);
        assertThat(owner.getWindowStart()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(owner.getSource()).isEqualTo("ses-send-statistics");
        final SentCount domain = file.counts().get(1);
        assertThat(domain.getScope()).isEqualTo(SentScope.DOMAIN);
        assertThat(domain.getId()).isEqualTo("mailer.example.com"); // domains compare lower-cased
        assertThat(domain.getWindowStart()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(domain.getWindowEnd()).as("no offset: UTC").isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(domain.getSource()).isNull();
    }

    @Test
    void shouldReportEachBadRowWithItsLineAndKeepTheRest() {
        // when
        final SentCountsFile file = SentCountsFileReader.csv("sent.csv", """
                account,1,10,2026-11-20T09:00:00Z,2026-11-20T10:00:00Z
                owner,,10,2026-11-20T09:00:00Z,2026-11-20T10:00:00Z
                owner,1,-5,2026-11-20T09:00:00Z,2026-11-20T10:00:00Z
                owner,1,ten,2026-11-20T09:00:00Z,2026-11-20T10:00:00Z
                owner,1,10,yesterday,2026-11-20T10:00:00Z
                owner,1,10,2026-11-20T10:00:00Z,2026-11-20T10:00:00Z
                owner,1,10
                "owner","a b",1,2026-11-20T09:00:00Z,2026-11-20T10:00:00Z
                owner,1,10,2026-11-20T09:00:00Z,2026-11-20T10:00:00Z
                """);

        // then
        assertThat(file.counts())
                .singleElement()
                .satisfies(c -> assertThat(c.getCount()).isEqualTo(10));
        assertThat(file.problems())
                .containsExactly(
                        "sent.csv:1: scope must be owner or domain, not 'account'",
                        "sent.csv:2: id must be non-empty, without white space or control characters",
                        "sent.csv:3: count must be a whole number of mails, not '-5'",
                        "sent.csv:4: count must be a whole number of mails, not 'ten'",
                        "sent.csv:5: windowStart: 'yesterday' is no ISO 8601 date-time such as 2026-11-23T08:00:00Z",
                        "sent.csv:6: windowEnd 2026-11-20T10:00:00Z is not after windowStart 2026-11-20T10:00:00Z",
                        "sent.csv:7: expected " + SentCountsFileReader.HEADER + ", found 3 fields",
                        "sent.csv:8: id must be non-empty, without white space or control characters");
    }
}
