package io.mailroute.topology.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class RateWindowTest {

    @Test
    void shouldWriteTheLayoutDataOutputWroteSoStoredWindowsStayReadable() throws IOException {
        // given
        final RateWindow window = new RateWindow();
        window.slideTo(1_000);
        window.add(new RateSighting("incoming/a", false));
        window.slideTo(1_002);
        window.add(new RateSighting("incoming/b", true));
        window.add(new RateSighting("incoming/\u00e9t\u00e9", true));
        window.level(RateLevel.WARNING);

        // when
        final byte[] written = RateWindow.serde().serializer().serialize("t", window);

        // then
        assertThat(written).isEqualTo(asDataOutputWroteIt(window));
        final RateWindow read = RateWindow.serde().deserializer().deserialize("t", written);
        assertThat(read.newest()).isEqualTo(1_002);
        assertThat(read.mails()).isEqualTo(3);
        assertThat(read.bounces()).isEqualTo(2);
        assertThat(read.level()).isEqualTo(RateLevel.WARNING);
        assertThat(read.samples()).containsExactly("incoming/b", "incoming/\u00e9t\u00e9");
    }

    private static byte[] asDataOutputWroteIt(final RateWindow window) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeLong(window.newest());
            out.writeByte(window.level().ordinal());
            // slots in ring order: step 1,000 (one mail) and step 1,002 (two bounces)
            final int first = Math.floorMod(1_000, RateWindow.BUCKETS);
            final int last = Math.floorMod(1_002, RateWindow.BUCKETS);
            for (int slot = 0; slot < RateWindow.BUCKETS; slot++) {
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
