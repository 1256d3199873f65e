package io.mailroute.topology.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MimeHeaderValueTest {

    @Test
    void shouldReadTheValueAndParametersLeniently() {
        final MimeHeaderValue type =
                MimeHeaderValue.parse("Multipart/Mixed; boundary=\"a;b\"; charset=UTF-8;;", "text/plain");

        assertThat(type.value()).isEqualTo("multipart/mixed");
        assertThat(type.primaryType()).isEqualTo("multipart");
        assertThat(type.parameter("boundary")).isEqualTo("a;b");
        assertThat(type.parameter("charset")).isEqualTo("UTF-8");
    }

    @Test
    void shouldDecodeRfc2231ContinuationsAndCharsets() {
        final MimeHeaderValue disposition = MimeHeaderValue.parse(
                "attachment; filename*0*=UTF-8''%E8%AB%8B%E6%B1%82; filename*1*=%E6%9B%B8; filename*2=.pdf", "");

        assertThat(disposition.parameter("filename")).isEqualTo("請求書.pdf");
    }

    @Test
    void shouldDecodeEncodedWordsInQuotedParameters() {
        final MimeHeaderValue type = MimeHeaderValue.parse("application/pdf; name=\"=?UTF-8?B?5rOo5paH?=.pdf\"", "");

        assertThat(type.parameter("name")).isEqualTo("注文.pdf");
    }

    @Test
    void shouldDefaultWhenMissing() {
        assertThat(MimeHeaderValue.parse(null, "text/plain").value()).isEqualTo("text/plain");
        assertThat(MimeHeaderValue.parse(" ; charset=x", "text/plain").value()).isEqualTo("text/plain");
    }
}
