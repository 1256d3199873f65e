package io.mailroute.cli.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.mailroute.avro.OwnerContacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContactsFileReaderTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadRowsWithOrWithoutANameAndNormalizeDomainsAndLocales() throws IOException {
        // given
        final Path csv = Files.writeString(dir.resolve("contacts.csv"), """
                ownerId,recipients,locale,name
                # management contacts
                123456789012,ops@Example.CO.JP; cto@example.co.jp ;ops@example.co.jp,ja,"Example, Prod"

                ne-001,taro.@docomo.ne.jp,en-us
                ne-002,info@店.example.jp,EN,
                """);

        // when
        final ContactsFile file = ContactsFileReader.read(csv);

        // then
        assertThat(file.problems()).isEmpty();
        assertThat(file.contacts())
                .extracting(
                        OwnerContacts::getOwnerId,
                        OwnerContacts::getRecipients,
                        OwnerContacts::getLocale,
                        OwnerContacts::getName)
                .containsExactly(
                        tuple("123456789012", List.of("ops@example.co.jp", "cto@example.co.jp"), "ja", "Example, Prod"),
                        tuple("ne-001", List.of("taro.@docomo.ne.jp"), "en-US", null),
                        tuple("ne-002", List.of("info@店.example.jp"), "en", null));
    }

    @Test
    void shouldReportBadRowsByLineAndKeepTheFirstRowOfAnOwner() throws IOException {
        // given
        final Path csv = Files.writeString(dir.resolve("contacts.csv"), """
                ownerId,recipients,locale
                a,a@example.jp,ja
                ,x@example.jp,ja
                b,,ja
                c, ; ,en
                d,d@example.jp;not-an-address,ja
                e,e@example.jp,jp
                f,f@example.jp,
                a,other@example.jp,en
                g,g@example.jp
                h,h@example.jp,ja_JP
                i,"Ops <i@example.jp>",en
                j,j@-bad-.example,en
                """);

        // when
        final ContactsFile file = ContactsFileReader.read(csv);

        // then
        assertThat(file.contacts()).extracting(OwnerContacts::getOwnerId).containsExactly("a");
        assertThat(file.contacts().get(0).getRecipients()).containsExactly("a@example.jp");
        assertThat(file.problems())
                .containsExactly(
                        csv + ":3: ownerId is empty",
                        csv + ":4: no recipient",
                        csv + ":5: no recipient",
                        csv + ":6: 'not-an-address' is no mail address",
                        csv + ":7: locale 'jp' is no BCP 47 language tag such as ja, en or en-US",
                        csv + ":8: locale is empty",
                        csv + ":9: owner a is listed on line 2 already",
                        csv + ":10: expected ownerId,recipients,locale[,name], found 2 fields",
                        csv + ":11: locale 'ja_JP' is no BCP 47 language tag such as ja, en or en-US",
                        csv + ":12: 'Ops <i@example.jp>' is no mail address",
                        csv + ":13: 'j@-bad-.example' is no mail address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@example.jp", "a.b+tag@mail.example.co.jp", "taro.@docomo.ne.jp", "a..b@ezweb.ne.jp"})
    void shouldAcceptAddresses(final String address) {
        assertThat(ContactsFileReader.isAddress(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"@example.jp", "a@", "a b@example.jp", "a@exa mple.jp", "a@[127.0.0.1]", "a,b@example.jp"})
    void shouldRejectWhatIsNoMailbox(final String address) {
        assertThat(ContactsFileReader.isAddress(address)).isFalse();
    }
}
