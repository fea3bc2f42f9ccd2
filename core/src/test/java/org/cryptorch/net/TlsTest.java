package org.cryptorch.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS 1.3 with pinned certificates written by {@link KeyGenerator}: accepted, impostors rejected. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsTest {
    private static final List<String> NAMES = List.of("party0", "party1", "dealer");

    @TempDir
    static Path root;
    /** The deployment's real keys. */
    static Path keys;
    /** A second, unrelated key set with some of the same identity names. */
    static Path otherKeys;

    @BeforeAll
    static void generateKeys() throws IOException {
        keys = root.resolve("keys");
        otherKeys = root.resolve("other");
        KeyGenerator.generate(keys, NAMES, null, false);
        KeyGenerator.generate(otherKeys, List.of("party0", "party1"), null, false);
    }

    static NetConfig tls(String self, Path dir) {
        // handshakes can take a second on a loaded 2-core machine; tests that wait for failures shorten these
        return NetConfig.tls(self, dir).withTimeout(Duration.ofSeconds(5)).withConnectTimeout(Duration.ofSeconds(5));
    }

    /** A key directory holding {@code self}'s keystore from {@code ownKeys} and every peer certificate from {@code keys}. */
    static Path mixed(String name, String self, Path ownKeys, String ownName) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        for (String n : NAMES) {
            Files.copy(new KeyFiles(keys, n).certificate(), new KeyFiles(dir, n).certificate());
        }
        KeyFiles own = new KeyFiles(ownKeys, ownName);
        KeyFiles target = new KeyFiles(dir, self);
        Files.copy(own.keystore(), target.keystore());
        Files.copy(own.password(), target.password());
        return dir;
    }

    @Test
    void pinnedPeersConnectAndExchangeData() throws Exception {
        TcpChannel[] pair = Loopback.pair(tls("party0", keys), tls("party1", keys));
        try (TcpChannel p0 = pair[0]; TcpChannel p1 = pair[1]) {
            int n = (32 << 20) / 8;
            long[] a = new SplittableRandom(1).longs(n).toArray();
            long[] b = new SplittableRandom(2).longs(n).toArray();
            CompletableFuture<long[]> at1 = CompletableFuture.supplyAsync(() -> {
                p1.send(b);
                return p1.receive(n);
            });
            p0.send(a);
            assertThat(p0.receive(n)).isEqualTo(b);
            assertThat(at1.get(30, TimeUnit.SECONDS)).isEqualTo(a);
            p0.sendBytes(new byte[] {1, 2, 3});
            assertThat(p1.receiveBytes()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void peerClosingIsPromptUnderTls() throws Exception {
        TcpChannel[] pair = Loopback.pair(tls("dealer", keys), tls("party0", keys));
        try (TcpChannel dealer = pair[0]; TcpChannel party = pair[1]) {
            party.close();
            dealer.stats().setLabel("triples");
            long start = System.nanoTime();
            assertThatThrownBy(() -> dealer.receive(1)).isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("dealer: connection to party0 closed during 'triples'");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500)); // timeout: 5 s
        }
    }

    @Test
    void clientWithAnUnpinnedCertificateIsRejected() throws Exception {
        Path impostor = mixed("impostor-client", "party1", otherKeys, "party1");
        assertThatThrownBy(() -> Loopback.pair(tls("party0", keys), tls("party1", impostor)))
            .isInstanceOf(ConnectionSetupException.class)
            .hasMessageContaining("party0 at 127.0.0.1:");
    }

    @Test
    void listenerRecordsWhyItRejectedAnUnpinnedClient() throws Exception {
        Path impostor = mixed("impostor-client-2", "party1", otherKeys, "party1");
        try (Listener listener = Listener.open(tls("party0", keys).withConnectTimeout(Duration.ofSeconds(1)),
                "127.0.0.1", 0, List.of("party1"))) {
            CompletableFuture<TcpChannel> accepted = CompletableFuture.supplyAsync(() -> listener.accept("party1"));
            assertThatThrownBy(() -> Connector.connect(tls("party1", impostor), "party0", "127.0.0.1",
                listener.port())).isInstanceOf(ConnectionSetupException.class);
            assertThatThrownBy(() -> accepted.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(ConnectionSetupException.class)
                .hasMessageContaining("party1 did not connect to party0")
                .hasMessageContaining("certificate 'CN=party1' is not a pinned certificate of party1");
        }
    }

    @Test
    void serverWithAnUnpinnedCertificateIsRejectedByTheClient() throws Exception {
        Path impostor = mixed("impostor-server", "party0", otherKeys, "party0");
        try (Listener listener = Listener.open(tls("party0", impostor).withConnectTimeout(Duration.ofSeconds(1)),
                "127.0.0.1", 0, List.of("party1"))) {
            CompletableFuture<TcpChannel> accepted = CompletableFuture.supplyAsync(() -> listener.accept("party1"));
            assertThatThrownBy(() -> Connector.connect(tls("party1", keys), "party0", "127.0.0.1", listener.port()))
                .isInstanceOf(ConnectionSetupException.class)
                .hasMessageStartingWith("TLS handshake with party0 at 127.0.0.1:" + listener.port() + " failed")
                .hasMessageContaining("not a pinned certificate of party0");
            assertThatThrownBy(() -> accepted.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(ConnectionSetupException.class);
        }
    }

    @Test
    void peerClaimingAnotherIdentityThanItsCertificateIsRejected() throws Exception {
        // holds party1's genuine key pair but says it is the dealer
        Path liar = mixed("liar", "dealer", keys, "party1");
        try (Listener listener = Listener.open(tls("party0", keys).withConnectTimeout(Duration.ofSeconds(1)),
                "127.0.0.1", 0, List.of("dealer", "party1"))) {
            CompletableFuture<?> accepted =
                CompletableFuture.supplyAsync(() -> listener.accept(List.of("dealer", "party1")));
            assertThatThrownBy(() -> Connector.connect(tls("dealer", liar), "party0", "127.0.0.1", listener.port()))
                .isInstanceOf(ConnectionSetupException.class)
                .hasMessageEndingWith("claims to be dealer but presented the certificate of party1");
            assertThatThrownBy(() -> accepted.get(10, TimeUnit.SECONDS)).cause()
                .hasMessageStartingWith("dealer, party1 did not connect to party0");
        }
    }

    @Test
    void missingKeyFilesAreNamed() {
        Path empty = root.resolve("nothing-here");
        assertThatThrownBy(() -> Listener.open(tls("party0", empty), "127.0.0.1", 0, List.of("party1")))
            .isInstanceOf(ConnectionSetupException.class)
            .hasMessage("missing key file " + new KeyFiles(empty, "party0").password() + " (run 'cryptorch keygen')");
    }

    @Test
    void tlsOnOneSideOnlyFailsClearly() throws Exception {
        try (Listener listener = Listener.open(tls("party0", keys).withConnectTimeout(Duration.ofSeconds(1)),
                "127.0.0.1", 0, List.of("party1"))) {
            CompletableFuture<TcpChannel> accepted = CompletableFuture.supplyAsync(() -> listener.accept("party1"));
            // a generous hello timeout: the listener's first TLS handshake is slow on a loaded machine
            NetConfig plain = TcpChannelTest.plain("party1").withTimeout(Duration.ofSeconds(10));
            assertThatThrownBy(() -> Connector.connect(plain, "party0", "127.0.0.1", listener.port()))
                .isInstanceOf(ConnectionSetupException.class)
                .hasMessageEndingWith("does not speak the cryptorch protocol: unknown frame type 0x15 "
                    + "(a TLS record: is TLS on at one end only?)");
            assertThatThrownBy(() -> accepted.get(10, TimeUnit.SECONDS)).cause()
                .hasMessageStartingWith("party1 did not connect to party0");
        }
        try (Listener listener = Listener.open(TcpChannelTest.plain("party0")
                .withConnectTimeout(Duration.ofSeconds(1)), "127.0.0.1", 0,
                List.of("party1"))) {
            CompletableFuture<TcpChannel> accepted = CompletableFuture.supplyAsync(() -> listener.accept("party1"));
            assertThatThrownBy(() -> Connector.connect(tls("party1", keys), "party0", "127.0.0.1", listener.port()))
                .isInstanceOf(ConnectionSetupException.class)
                .hasMessageEndingWith("(it closed the connection: is TLS on at one end only?)");
            assertThatThrownBy(() -> accepted.get(10, TimeUnit.SECONDS)).cause()
                .hasMessageContaining("unknown frame type 0x16 (a TLS record: is TLS on at one end only?)");
        }
    }
}
