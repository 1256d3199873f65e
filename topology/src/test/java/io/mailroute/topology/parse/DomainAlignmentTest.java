package io.mailroute.topology.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Relaxed alignment by the Public Suffix List, and host names made comparable. */
class DomainAlignmentTest {

    @Test
    void shouldAlignDomainsOfOneOrganization() {
        assertThat(DomainAlignment.aligned("mail.amazon.com", "amazon.com")).isTrue();
        assertThat(DomainAlignment.aligned("bounce.shop.example.co.jp", "example.co.jp"))
                .isTrue();
        assertThat(DomainAlignment.aligned("evil.test", "amazon.com")).isFalse();
        assertThat(DomainAlignment.aligned("amazon.com.evil.test", "amazon.com"))
                .isFalse();
    }

    @Test
    void shouldNotAlignNeighboursUnderAPublicSuffixOrNamesUnderNone() {
        assertThat(DomainAlignment.aligned("a.github.io", "b.github.io")).isFalse();
        assertThat(DomainAlignment.aligned("co.jp", "example.co.jp")).isFalse();
        assertThat(DomainAlignment.aligned("mail.example.test", "example.test")).isFalse();
        assertThat(DomainAlignment.aligned("example.test", "example.test")).isTrue();
        assertThat(DomainAlignment.aligned(null, null)).isFalse();
    }

    @Test
    void shouldNormalizeHostNamesAndRefuseWhatIsNone() {
        assertThat(DomainName.normalize(" Mail.Amazon.COM. ")).isEqualTo("mail.amazon.com");
        assertThat(DomainName.normalize("例え.jp")).isEqualTo("xn--r8jz45g.jp");
        assertThat(DomainName.ofAddress("\"a@b\"@Example.ORG")).isEqualTo("example.org");
        assertThat(DomainName.normalize("[192.0.2.1]")).isNull();
        assertThat(DomainName.normalize("a".repeat(64) + ".com")).isNull();
        assertThat(DomainName.normalize("a.".repeat(127) + "com")).isNull();
        assertThat(DomainName.normalize("")).isNull();
    }
}
