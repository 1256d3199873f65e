package io.mailroute.topology.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroute.topology.support.Hashes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.eclipse.angus.mail.util.BASE64DecoderStream;
import org.junit.jupiter.api.Test;

class Base64LenientTest {

    @Test
    void shouldDigestWhatItDecodesSkippingLineBreaksAndBlanks() {
        final byte[] original = "attachment bytes \u00e9\u00e8".getBytes(StandardCharsets.UTF_8);
        final String encoded = Base64.getMimeEncoder(8, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(original);
        final byte[] data = ("  " + encoded + "\r\n \t\r\n").getBytes(StandardCharsets.ISO_8859_1);

        final MessageDigest digest = Hashes.sha256();
        final long size = Base64Lenient.digestClean(data, 0, data.length, digest);

        assertThat(size).isEqualTo(original.length);
        assertThat(digest.digest()).isEqualTo(Hashes.sha256().digest(original));
    }

    @Test
    void shouldRefuseDamagedBase64() {
        for (final String damaged : new String[] {"QU!JD", "QUJ\u0000D", "QQ==QUJD", "=QUJD", "QU=JD", "QUJ\u00e9D"}) {
            final byte[] data = damaged.getBytes(StandardCharsets.ISO_8859_1);
            assertThat(Base64Lenient.digestClean(data, 0, data.length, Hashes.sha256()))
                    .as(damaged)
                    .isEqualTo(-1);
        }
    }

    @Test
    void shouldDecodeCleanBase64CutAnywhereLikeAngusLenientDecoder() throws IOException {
        final Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            final byte[] original = new byte[random.nextInt(3_000)];
            random.nextBytes(original);
            final byte[] data = Base64.getMimeEncoder().encode(original);
            final int end = random.nextInt(data.length + 1);

            final MessageDigest ours = Hashes.sha256();
            final long size = Base64Lenient.digestClean(data, 0, end, ours);
            final byte[] angus;
            try (InputStream in = new BASE64DecoderStream(new ByteArrayInputStream(data, 0, end), true)) {
                angus = in.readAllBytes();
            }

            assertThat(size).as("round %d", round).isEqualTo(angus.length);
            assertThat(HexFormat.of().formatHex(ours.digest()))
                    .as("round %d", round)
                    .isEqualTo(HexFormat.of().formatHex(Hashes.sha256().digest(angus)));
        }
    }
}
