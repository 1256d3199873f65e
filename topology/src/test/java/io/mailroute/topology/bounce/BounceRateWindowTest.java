package io.mailroute.topology.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BounceRateWindowTest {

    @Test
    void shouldWriteTheLayoutDataOutputWroteSoStoredWindowsStayReadable() throws IOException {
        // given
        final BounceRateWindow window = new BounceRateWindow();
        window.slideTo(1_000);
        window.add(new RateSighting("incoming/a", false));
        window.slideTo(1_002);
        window.add(new RateSighting("incoming/b", true));
        window.add(new RateSighting("incoming/\u00e9t\u00e9", true));
        window.level(RateLevel.WARNING);

        // when
        final byte[] written = BounceRateWindow.serde().serializer().serialize("t", window);

        // then
        assertThat(written).isEqualTo(asDataOutputWroteIt(window));
        final BounceRateWindow read = BounceRateWindow.serde().deserializer().deserialize("t", written);
        assertThat(read.newest()).isEqualTo(1_002);
        assertThat(read.mails()).isEqualTo(3);
        assertThat(read.bounces()).isEqualTo(2);
        assertThat(read.level()).isEqualTo(RateLevel.WARNING);
        assertThat(read.samples()).containsExactly("incoming/b", "incoming/\u00e9t\u00e9");
    }

    private static byte[] asDataOutputWroteIt(final BounceRateWindow window) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeLong(window.newest());
            out.writeByte(window.level().ordinal());
            // slots in ring order: step 1,000 (one mail) and step 1,002 (two bounces)
            final int first = Math.floorMod(1_000, BounceRateWindow.BUCKETS);
            final int last = Math.floorMod(1_002, BounceRateWindow.BUCKETS);
            for (int slot = 0; slot < BounceRateWindow.BUCKETS; slot++) {
                out.writeLong(slot == first ? 1 : slot == last ? 2 : 0);
                out.writeLong(slot == last ? 2 : 0);
            }
            out.writeByte(window.samples().size());
            for (final String sample : window.samples()) {
                out.writeUTF(sample);
            }
        }
        return bytes.toByteArray();
    }
}
