package io.mailroute.topology.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MailCharsetsTest {

    @Test
    void shouldMapJapaneseLabelsToTheirCp932Variants() {
        assertThat(MailCharsets.forLabel("Shift_JIS")).contains(MailCharsets.WINDOWS_31J);
        assertThat(MailCharsets.forLabel(" sjis ")).contains(MailCharsets.WINDOWS_31J);
        assertThat(MailCharsets.forLabel("ISO-2022-JP")).contains(MailCharsets.ISO_2022_JP_CP932);
        assertThat(MailCharsets.forLabel("euc-jp")).isPresent();
        assertThat(MailCharsets.forLabel("no-such-charset")).isEmpty();
        assertThat(MailCharsets.forLabel("bad name!")).isEmpty();
    }

    @Test
    void shouldGuessTheCharsetOfUnlabelledBytes() {
        final byte[] utf8 = "日本語".getBytes(StandardCharsets.UTF_8);
        final byte[] sjis = "日本語①".getBytes(MailCharsets.WINDOWS_31J);
        final byte[] jis = "日本語".getBytes(MailCharsets.ISO_2022_JP_CP932);
        final byte[] latin1 = {(byte) 0xE9, (byte) 0xFF, (byte) 0x80};

        assertThat(MailCharsets.guess(utf8, 0, utf8.length)).isEqualTo("日本語");
        assertThat(MailCharsets.guess(sjis, 0, sjis.length)).isEqualTo("日本語①");
        assertThat(MailCharsets.guess(jis, 0, jis.length)).isEqualTo("日本語");
        assertThat(MailCharsets.guess(latin1, 0, latin1.length)).isEqualTo("éÿ\u0080");
    }

    @Test
    void shouldReadMislabelledUsAsciiAsUtf8() {
        final byte[] utf8 = "café".getBytes(StandardCharsets.UTF_8);

        assertThat(MailCharsets.decode(utf8, 0, utf8.length, "us-ascii")).isEqualTo("café");
    }
}
