package org.cryptorch.net.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulated link relays bytes unchanged in both directions, passes on a half close, and takes the time its
 * settings say. Delay and rate are floors the relay enforces, so every sample is checked against them; the upper
 * side (that the relay adds no time of its own) is checked on the fastest of nine round trips and the best of three
 * transfers, which a thread descheduled by other work on the machine cannot spoil; the median is printed.
 */
class LinkEmulatorTest {
    private ServerSocket server;

    @BeforeEach
    void serve() throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                try {
                    Socket s = server.accept();
                    Thread.ofPlatform().daemon().start(() -> answer(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    /**
     * The far end: echoes what it reads, except that a connection whose first byte is {@code 'S'} is a sink that
     * counts bytes until the sender half-closes and then answers with one byte.
     */
    private static void answer(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            byte[] buf = new byte[64 * 1024];
            int n = in.read(buf);
            boolean sink = n > 0 && buf[0] == 'S';
            while (n >= 0) {
                if (!sink) {
                    out.write(buf, 0, n);
                    out.flush();
                }
                n = in.read(buf);
            }
            if (sink) {
                out.write(1);
            }
            s.shutdownOutput();
        } catch (IOException e) {
            // the test reports what it did not receive
        }
    }

    @Test
    void relaysBothDirectionsUnchangedAndPassesOnTheClose() throws IOException {
        byte[] data = new byte[3_000_000];
        new Random(1).nextBytes(data);
        try (LinkEmulator link = LinkEmulator.start(0, "127.0.0.1", server.getLocalPort(),
            LinkSettings.ofRttMillisAndMbits(2, 2_000)); Socket s = new Socket("127.0.0.1", link.port())) {
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    s.getOutputStream().write(data);
                    s.shutdownOutput();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            byte[] back = s.getInputStream().readAllBytes(); // ends only if the echo server's close came through
            assertArrayEquals(data, back);
            writer.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void roundTripTakesTheSetRtt() throws IOException {
        double rttMillis = 40;
        try (LinkEmulator link = LinkEmulator.start(0, "127.0.0.1", server.getLocalPort(),
            LinkSettings.ofRttMillisAndMbits(rttMillis, 100)); Socket s = new Socket("127.0.0.1", link.port())) {
            s.setTcpNoDelay(true);
            double[] millis = new double[9];
            for (int i = 0; i < millis.length; i++) {
                long t0 = System.nanoTime();
                s.getOutputStream().write('p');
                assertEquals('p', s.getInputStream().read());
                millis[i] = (System.nanoTime() - t0) / 1e6;
                assertTrue(millis[i] >= rttMillis, "a round trip of " + millis[i] + " ms beat the link's RTT");
            }
            Arrays.sort(millis);
            System.out.printf("link RTT set %.1f ms, measured median %.2f ms, fastest %.2f ms%n", rttMillis,
                millis[millis.length / 2], millis[0]);
            assertTrue(millis[0] <= rttMillis * 1.05, "fastest round trip " + millis[0] + " ms, set " + rttMillis);
        }
    }

    @Test
    void bulkTransferRunsAtTheSetRate() throws IOException {
        double rttMillis = 40;
        double mbits = 100;
        int bytes = 5_000_000;
        byte[] data = new byte[bytes];
        data[0] = 'S';
        double best = 0;
        try (LinkEmulator link = LinkEmulator.start(0, "127.0.0.1", server.getLocalPort(),
            LinkSettings.ofRttMillisAndMbits(rttMillis, mbits))) {
            for (int i = 0; i < 3; i++) {
                try (Socket s = new Socket("127.0.0.1", link.port())) {
                    long t0 = System.nanoTime();
                    s.getOutputStream().write(data);
                    s.shutdownOutput();
                    assertEquals(1, s.getInputStream().read(), "the sink's answer");
                    // The last byte arrives one delay after the wire has carried all bytes; the answer one more.
                    double seconds = (System.nanoTime() - t0) / 1e9 - rttMillis / 1e3;
                    double rate = bytes * 8 / seconds / 1e6;
                    assertTrue(rate <= mbits * 1.02, "bulk transfer at " + rate + " Mbit/s beat the link's rate");
                    best = Math.max(best, rate);
                }
            }
        }
        System.out.printf("link rate set %.0f Mbit/s, best of 3 transfers %.1f Mbit/s%n", mbits, best);
        assertTrue(best >= mbits * 0.9, "bulk transfer at " + best + " Mbit/s, set " + mbits);
    }

    @Test
    void refusesAddressesOffThisMachine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> LinkEmulator.start(0, "10.1.2.3", 7000, LinkSettings.ofRttMillisAndMbits(1, 1)));
        assertTrue(e.getMessage().contains("not a loopback address"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinkSettings.ofRttMillisAndMbits(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> LinkSettings.ofRttMillisAndMbits(1, 0));
    }
}
