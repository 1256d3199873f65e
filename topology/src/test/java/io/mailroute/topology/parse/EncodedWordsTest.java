package io.mailroute.topology.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EncodedWordsTest {

    @Test
    void shouldDecodeBAndQWordsAndDropWhitespaceBetweenAdjacentWords() {
        assertThat(EncodedWords.decode("=?UTF-8?Q?caf=C3=A9_au_lait?= =?UTF-8?B?44CC?="))
                .isEqualTo("café au lait。");
        assertThat(EncodedWords.decode("Re: =?utf-8?q?hello?= world")).isEqualTo("Re: hello world");
    }

    @Test
    void shouldKeepBrokenOrUnknownWordsAsWritten() {
        assertThat(EncodedWords.decode("=?x-unknown?B?AAAA?= tail")).isEqualTo("=?x-unknown?B?AAAA?= tail");
        assertThat(EncodedWords.decode("=?UTF-8?B?unterminated")).isEqualTo("=?UTF-8?B?unterminated");
        assertThat(EncodedWords.decode("plain")).isEqualTo("plain");
        assertThat(EncodedWords.decode(null)).isNull();
    }

    @Test
    void shouldDecodeWordsGluedToText() {
        assertThat(EncodedWords.decode("abc=?UTF-8?B?44GC?=def")).isEqualTo("abcあdef");
    }

    @Test
    void shouldIgnoreTheLanguageOfAnRfc2231Word() {
        assertThat(EncodedWords.decode("=?UTF-8*ja?B?44GC?=")).isEqualTo("あ");
    }
}
