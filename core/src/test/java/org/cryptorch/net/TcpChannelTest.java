package org.cryptorch.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Plaintext TCP channels on loopback: framing, full duplex, statistics and every failure path. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TcpChannelTest {
    private static final Duration SHORT = Duration.ofSeconds(1);

    private TcpChannel p0;
    private TcpChannel p1;

    @BeforeEach
    void connect() throws Exception {
        TcpChannel[] pair = Loopback.pair(plain("party0"), plain("party1"));
        p0 = pair[0];
        p1 = pair[1];
    }

    @AfterEach
    void close() {
        p0.close();
        p1.close();
    }

    static NetConfig plain(String self) {
        return NetConfig.plaintext(self).withTimeout(SHORT).withConnectTimeout(Duration.ofSeconds(2));
    }

    static long[] random(int n, long seed) {
        return new SplittableRandom(seed).longs(n).toArray();
    }

    @Test
    void listenerLearnsWhoConnected() {
        assertThat(p0.peer()).isEqualTo("party1");
        assertThat(p1.peer()).isEqualTo("party0");
    }

    @Test
    void ringAndByteFramesRoundTrip() {
        long[] ring = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 42};
        p0.send(ring);
        p0.sendBytes("hello".getBytes(StandardCharsets.UTF_8));
        p0.send(new long[0]);
        p0.send(ring, 1, 3);
        assertThat(p1.receive(5)).containsExactly(ring);
        assertThat(new String(p1.receiveBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(p1.receive(0)).isEmpty();
        long[] dst = new long[5];
        p1.receive(dst, 2, 3);
        assertThat(dst).containsExactly(0, 0, -1, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Test
    void framesLargerThanOneChunkRoundTrip() {
        long[] data = random((FrameWriter.CHUNK_BYTES / 8) * 3 + 5, 1);
        byte[] bytes = new byte[FrameWriter.CHUNK_BYTES * 2 + 3];
        new SplittableRandom(2).nextBytes(bytes);
        p1.send(data);
        p1.sendBytes(bytes);
        assertThat(p0.receive(data.length)).isEqualTo(data);
        assertThat(p0.receiveBytes()).isEqualTo(bytes);
    }

    @Test
    void simultaneous32MiBFramesBothWaysDoNotDeadlock() throws Exception {
        int n = (32 << 20) / 8;
        long[] a = random(n, 3);
        long[] b = random(n, 4);
        CompletableFuture<long[]> at1 = CompletableFuture.supplyAsync(() -> {
            p1.send(b);
            return p1.receive(n);
        });
        p0.send(a);
        long[] at0 = p0.receive(n);
        assertThat(at0).isEqualTo(b);
        assertThat(at1.get(20, TimeUnit.SECONDS)).isEqualTo(a);
    }

    @Test
    void statisticsCountPayloadBytesPerLabel() {
        p0.stats().setLabel("mul");
        p1.stats().setLabel("mul");
        p0.send(new long[10]);
        p0.sendBytes(new byte[7]);
        p1.receive(10);
        p1.receiveBytes();
        p1.stats().setLabel("ltz");
        p0.stats().setLabel("ltz");
        p1.send(new long[3]);
        p0.receive(3);

        Map<String, TrafficStats.Counter> s0 = p0.stats().snapshot();
        Map<String, TrafficStats.Counter> s1 = p1.stats().snapshot();
        assertThat(s0.get("mul").bytesSent).isEqualTo(87);
        assertThat(s0.get("mul").framesSent).isEqualTo(2);
        assertThat(s0.get("mul").bytesReceived).isZero();
        assertThat(s0.get("ltz").bytesReceived).isEqualTo(24);
        assertThat(s1.get("mul").bytesReceived).isEqualTo(87);
        assertThat(s1.get("ltz").bytesSent).isEqualTo(24);
        assertThat(p0.stats().total().bytesSent).isEqualTo(87);
        assertThat(p1.stats().total().bytesSent).isEqualTo(24);
    }

    @Test
    void silentPeerFailsAfterTheTimeout() {
        p0.stats().setLabel("matmul");
        long start = System.nanoTime();
        assertThatThrownBy(() -> p0.receive(4))
            .isInstanceOf(ProtocolException.class)
            .hasMessage("party0: no message from party1 within 1 s during 'matmul'");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(SHORT.minusMillis(50), SHORT.plusSeconds(1));
    }

    @Test
    void peerClosingFailsPromptlyNotAtTheTimeout() {
        p0.stats().setLabel("mul");
        p1.send(new long[] {7});
        p1.close();
        assertThat(p0.receive(1)).containsExactly(7); // frames sent before the close still arrive
        long start = System.nanoTime();
        assertThatThrownBy(() -> p0.receive(1))
            .isInstanceOf(ProtocolException.class)
            .hasMessageStartingWith("party0: connection to party1 closed during 'mul'");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHORT.minusMillis(100));
        assertThatThrownBy(() -> p0.receive(1)).hasMessageContaining("closed during 'mul'");
    }

    @Test
    void sendingToAClosedPeerFails() {
        p1.close();
        p0.stats().setLabel("reveal");
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) { // the first writes may still land in the kernel buffer
                p0.send(new long[1 << 16]);
                Thread.sleep(5);
            }
        }).isInstanceOf(ProtocolException.class).hasMessageStartingWith("party0: connection to party1 closed during 'reveal'");
    }

    @Test
    void sizeMismatchNamesPeerAndStep() {
        p1.send(new long[10]);
        p0.stats().setLabel("conv2d");
        assertThatThrownBy(() -> p0.receive(12))
            .isInstanceOf(ProtocolException.class)
            .hasMessage("party0: frame of 10 longs from party1 during 'conv2d', expected 12");
    }

    @Test
    void frameKindMismatchNamesPeerAndStep() {
        p1.sendBytes(new byte[3]);
        p1.send(new long[2]);
        p0.stats().setLabel("input");
        assertThatThrownBy(() -> p0.receive(3)).hasMessage(
            "party0: expected a ring frame from party1 during 'input', got a byte frame");
        assertThatThrownBy(p0::receiveBytes).hasMessage(
            "party0: expected a byte frame from party1 during 'input', got a ring frame of 2 longs");
    }

    @Test
    void usingAClosedChannelFailsClearly() {
        p0.close();
        assertThatThrownBy(() -> p0.receive(1)).isInstanceOf(ProtocolException.class)
            .hasMessageContaining("channel to party1 was closed by this side");
    }

    @Test
    void closeStopsTheReaderThreadsAndTheWatch() {
        assertThat(p0.readerAlive()).isTrue();
        assertThat(SendWatchdog.watches(p0)).isTrue();
        p0.close();
        p1.close();
        assertThat(p0.readerAlive()).isFalse();
        assertThat(p1.readerAlive()).isFalse();
        assertThat(SendWatchdog.watches(p0)).isFalse();
        assertThat(SendWatchdog.watches(p1)).isFalse();
    }
}
