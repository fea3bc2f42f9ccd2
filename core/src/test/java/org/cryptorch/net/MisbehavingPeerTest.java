package org.cryptorch.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hand-written peer on a raw socket that completes the hello and then misbehaves at the byte level: garbage,
 * absurd lengths, never reading. The frames are encoded here by hand from the documented wire format.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MisbehavingPeerTest {
    private Listener listener;
    private CompletableFuture<TcpChannel> accepted;
    private Socket raw;

    @BeforeEach
    void start() throws IOException {
        listener = Listener.open(TcpChannelTest.plain("party0").withMaxFrameBytes(1 << 20), "127.0.0.1", 0,
            List.of("party1"));
        accepted = CompletableFuture.supplyAsync(() -> listener.accept("party1"));
        raw = new Socket("127.0.0.1", listener.port());
    }

    @AfterEach
    void stop() throws Exception {
        raw.close();
        listener.close();
        accepted.handle((c, e) -> {
            if (c != null) {
                c.close();
            }
            return null;
        }).get();
    }

    static byte[] frame(int type, long length, byte[] payload) {
        return ByteBuffer.allocate(9 + payload.length).order(ByteOrder.LITTLE_ENDIAN)
            .put((byte) type).putLong(length).put(payload).array();
    }

    private TcpChannel helloAsParty1() throws Exception {
        raw.getOutputStream().write(frame(3, 18, "cryptorch/1 party1".getBytes(StandardCharsets.UTF_8)));
        TcpChannel c = accepted.get(5, TimeUnit.SECONDS);
        InputStream in = raw.getInputStream();
        byte[] reply = in.readNBytes(9 + "cryptorch/1 party0".length());
        assertThat(new String(reply, 9, reply.length - 9, StandardCharsets.UTF_8)).isEqualTo("cryptorch/1 party0");
        return c;
    }

    @Test
    void garbageBytesGiveAMalformedFrameError() throws Exception {
        TcpChannel c = helloAsParty1();
        raw.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        c.stats().setLabel("relu");
        assertThatThrownBy(() -> c.receive(1)).isInstanceOf(ProtocolException.class)
            .hasMessage("party0: malformed frame from party1 during 'relu': unknown frame type 0x47");
    }

    @Test
    void oversizedLengthIsRejectedBeforeAllocating() throws Exception {
        TcpChannel c = helloAsParty1();
        raw.getOutputStream().write(frame(1, 1L << 40, new byte[0]));
        c.stats().setLabel("max");
        assertThatThrownBy(() -> c.receive(1)).isInstanceOf(ProtocolException.class)
            .hasMessage("party0: malformed frame from party1 during 'max': frame length 1099511627776 is outside "
                + "[0, 1048576] bytes");
    }

    @Test
    void misalignedRingLengthIsMalformed() throws Exception {
        TcpChannel c = helloAsParty1();
        raw.getOutputStream().write(frame(1, 12, new byte[12]));
        assertThatThrownBy(() -> c.receive(1))
            .hasMessageEndingWith("ring frame length 12 is not a multiple of 8");
    }

    @Test
    void negativeLengthIsMalformed() {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(frame(2, -8, new byte[0])), 64);
        assertThatThrownBy(reader::read).isInstanceOf(MalformedFrameException.class)
            .hasMessage("frame length -8 is outside [0, 64] bytes");
    }

    @Test
    void truncatedFrameCountsAsConnectionClosed() throws Exception {
        TcpChannel c = helloAsParty1();
        raw.getOutputStream().write(frame(1, 16, new byte[8]));
        raw.close();
        c.stats().setLabel("square");
        assertThatThrownBy(() -> c.receive(2))
            .hasMessageStartingWith("party0: connection to party1 closed during 'square'");
    }

    @Test
    void slowlyArrivingFrameIsWaitedForBeyondTheTimeoutWhileBytesKeepComing() throws Exception {
        TcpChannel c = helloAsParty1();
        OutputStream out = raw.getOutputStream();
        out.write(frame(1, 8 * 6, new byte[0]));
        long start = System.nanoTime();
        CompletableFuture<long[]> received = CompletableFuture.supplyAsync(() -> c.receive(6));
        for (long v = 1; v <= 6; v++) {
            Thread.sleep(300); // 1.8 s in total, longer than the 1 s timeout, but never 1 s without bytes
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        }
        assertThat(received.get(5, TimeUnit.SECONDS)).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1500));
    }

    @Test
    void peerThatStopsReadingFailsTheSenderAfterTheTimeout() throws Exception {
        TcpChannel c = helloAsParty1(); // raw never reads again: kernel buffers fill up, the write blocks
        c.stats().setLabel("matmul");
        long start = System.nanoTime();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 64; i++) {
                c.send(new long[1 << 17]); // 1 MiB frames, within the receiver's limit but never read
            }
        }).isInstanceOf(ProtocolException.class)
            .hasMessage("party0: party1 accepted no data for 1 s during 'matmul' (peer stalled)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void helloWithAnotherProtocolIsRejected() throws Exception {
        OutputStream out = raw.getOutputStream();
        out.write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> accepted.get(5, TimeUnit.SECONDS))
            .hasMessageContaining("party1 did not connect to party0 on 127.0.0.1:" + listener.port())
            .hasMessageContaining("does not speak the cryptorch protocol: unknown frame type 0x53");
    }

    @Test
    void listenerPortInUseIsAClearError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> Listener.open(NetConfig.plaintext("dealer"), "127.0.0.1", taken.getLocalPort(),
                List.of("party0")))
                .isInstanceOf(ConnectionSetupException.class)
                .hasMessage("dealer cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": it is already in use");
        }
    }
}
