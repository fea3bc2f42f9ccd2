package org.cryptorch.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Frame encoding in memory, at the sizes where the header and payload cross chunk boundaries. */
class FramingTest {
    /** Longs that fit in the first chunk next to the header. */
    private static final int FIRST_CHUNK_LONGS = (FrameWriter.CHUNK_BYTES - FrameWriter.HEADER_BYTES) / 8;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, FIRST_CHUNK_LONGS - 1, FIRST_CHUNK_LONGS, FIRST_CHUNK_LONGS + 1,
        FIRST_CHUNK_LONGS + FrameWriter.CHUNK_BYTES / 8, FIRST_CHUNK_LONGS + FrameWriter.CHUNK_BYTES / 8 + 1})
    void ringFramesRoundTripAndUseTheDocumentedLayout(int n) throws IOException {
        long[] data = new SplittableRandom(n).longs(n + 2).toArray();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new FrameWriter(wire).writeRing(data, 1, n); // an offset, to check the slice is what goes out
        byte[] bytes = wire.toByteArray();

        assertThat(bytes).hasSize(FrameWriter.HEADER_BYTES + 8 * n);
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(le.get(0)).isEqualTo((byte) 1);
        assertThat(le.getLong(1)).isEqualTo(8L * n);
        if (n > 0) {
            assertThat(le.getLong(FrameWriter.HEADER_BYTES)).isEqualTo(data[1]);
            assertThat(le.getLong(bytes.length - 8)).isEqualTo(data[n]);
        }

        Frame f = new FrameReader(new ByteArrayInputStream(bytes), Long.MAX_VALUE).read();
        assertThat(f.type()).isEqualTo(FrameType.RING);
        long[] expected = new long[n];
        System.arraycopy(data, 1, expected, 0, n);
        assertThat((long[]) f.payload()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, FrameWriter.CHUNK_BYTES - FrameWriter.HEADER_BYTES,
        FrameWriter.CHUNK_BYTES - FrameWriter.HEADER_BYTES + 1, 3 * FrameWriter.CHUNK_BYTES + 5})
    void byteFramesRoundTrip(int n) throws IOException {
        byte[] data = new byte[n];
        new SplittableRandom(n).nextBytes(data);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(wire);
        writer.writeBytes(FrameType.BYTES, data);
        writer.writeRing(new long[] {7}, 0, 1);
        FrameReader reader = new FrameReader(new ByteArrayInputStream(wire.toByteArray()), Long.MAX_VALUE);
        Frame f = reader.read();
        assertThat(f.type()).isEqualTo(FrameType.BYTES);
        assertThat((byte[]) f.payload()).isEqualTo(data);
        assertThat((long[]) reader.read().payload()).containsExactly(7); // the next frame starts where it should
        assertThat(reader.read()).isNull(); // clean end of stream between frames
    }
}
