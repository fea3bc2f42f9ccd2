package org.cryptorch.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Plaintext connection setup: retries, identities, several peers on one listener. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectionSetupTest {
    private static NetConfig plain(String self) {
        return TcpChannelTest.plain(self);
    }

    @Test
    void unreachablePeerFailsAtTheDeadlineNamingIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        int closedPort = port;
        NetConfig cfg = plain("party0").withConnectTimeout(Duration.ofMillis(500));
        long start = System.nanoTime();
        assertThatThrownBy(() -> Connector.connect(cfg, "dealer", "127.0.0.1", closedPort))
            .isInstanceOf(ConnectionSetupException.class)
            .hasMessage("could not reach dealer at 127.0.0.1:" + closedPort + " within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(350),
            Duration.ofSeconds(2));
    }

    @Test
    void connectorRetriesUntilTheListenerStarts() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int p = port;
        CompletableFuture<TcpChannel> dialled =
            CompletableFuture.supplyAsync(() -> Connector.connect(plain("party1"), "dealer", "127.0.0.1", p));
        Thread.sleep(300);
        try (Listener listener = Listener.open(plain("dealer"), "127.0.0.1", p, List.of("party1"));
             TcpChannel atDealer = listener.accept("party1");
             TcpChannel atParty = dialled.get(5, TimeUnit.SECONDS)) {
            atParty.send(new long[] {5});
            assertThat(atDealer.receive(1)).containsExactly(5);
        }
    }

    @Test
    void dealerAcceptsBothPartiesInAnyOrder() throws Exception {
        try (Listener listener = Listener.open(plain("dealer"), "127.0.0.1", 0, List.of("party0", "party1"))) {
            CompletableFuture<Map<String, TcpChannel>> accepted =
                CompletableFuture.supplyAsync(() -> listener.accept(List.of("party0", "party1")));
            TcpChannel c1 = Connector.connect(plain("party1"), "dealer", "127.0.0.1", listener.port());
            TcpChannel c0 = Connector.connect(plain("party0"), "dealer", "127.0.0.1", listener.port());
            Map<String, TcpChannel> atDealer = accepted.get(5, TimeUnit.SECONDS);
            c0.send(new long[] {0});
            c1.send(new long[] {1});
            assertThat(atDealer.get("party0").receive(1)).containsExactly(0);
            assertThat(atDealer.get("party1").receive(1)).containsExactly(1);
            atDealer.values().forEach(TcpChannel::close);
            c0.close();
            c1.close();
        }
    }

    @Test
    void unexpectedIdentityIsRejectedAndTheListenerKeepsWaiting() throws Exception {
        try (Listener listener = Listener.open(plain("party0"), "127.0.0.1", 0, List.of("party1"))) {
            CompletableFuture<TcpChannel> accepted = CompletableFuture.supplyAsync(() -> listener.accept("party1"));
            assertThatThrownBy(() -> Connector.connect(plain("dealer"), "party0", "127.0.0.1", listener.port()))
                .isInstanceOf(ConnectionSetupException.class)
                .hasMessageStartingWith("party0 at 127.0.0.1:" + listener.port() + " rejected the connection: "
                    + "party0 refuses 127.0.0.1:")
                .hasMessageEndingWith("unexpected identity 'dealer' (waiting for party1)");
            try (TcpChannel c = Connector.connect(plain("party1"), "party0", "127.0.0.1", listener.port());
                 TcpChannel atListener = accepted.get(5, TimeUnit.SECONDS)) {
                assertThat(atListener.peer()).isEqualTo("party1");
                c.send(new long[] {9});
                assertThat(atListener.receive(1)).containsExactly(9);
            }
        }
    }

    @Test
    void listenerTimesOutNamingMissingPeersAndRejections() {
        try (Listener listener = Listener.open(plain("party0").withConnectTimeout(Duration.ofMillis(800)),
            "127.0.0.1", 0, List.of("party1"))) {
            CompletableFuture<TcpChannel> accepted = CompletableFuture.supplyAsync(() -> listener.accept("party1"));
            assertThatThrownBy(() -> Connector.connect(plain("party2"), "party0", "127.0.0.1", listener.port()))
                .isInstanceOf(ConnectionSetupException.class);
            assertThatThrownBy(() -> accepted.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(ConnectionSetupException.class)
                .hasMessageStartingWith("party1 did not connect to party0 on 127.0.0.1:" + listener.port()
                    + " within 800 ms; rejected: 127.0.0.1:")
                .hasMessageEndingWith("unexpected identity 'party2' (waiting for party1)");
        }
    }

    @Test
    void connectorChecksItReachedThePeerItDialled() throws Exception {
        try (Listener listener = Listener.open(plain("party1"), "127.0.0.1", 0, List.of("party0"))) {
            CompletableFuture<TcpChannel> accepted = CompletableFuture.supplyAsync(() -> listener.accept("party0"));
            assertThatThrownBy(() -> Connector.connect(plain("party0"), "dealer", "127.0.0.1", listener.port()))
                .isInstanceOf(ConnectionSetupException.class)
                .hasMessage("expected dealer at 127.0.0.1:" + listener.port() + " but it says it is party1");
            accepted.get(5, TimeUnit.SECONDS).close();
        }
    }

    /** A silent connection that came first does not hold up the real peer: admission is concurrent. */
    @Test
    void aSilentConnectionDelaysNoRealPeer() throws Exception {
        NetConfig config = plain("dealer").withTimeout(Duration.ofSeconds(60))
            .withConnectTimeout(Duration.ofSeconds(20));
        try (Listener listener = Listener.open(config, "127.0.0.1", 0, List.of("party0", "party1"));
             Socket silent0 = new Socket("127.0.0.1", listener.port());
             Socket silent1 = new Socket("127.0.0.1", listener.port())) {
            CompletableFuture<Map<String, TcpChannel>> accepted =
                CompletableFuture.supplyAsync(() -> listener.accept(List.of("party0", "party1")));
            long start = System.nanoTime();
            try (TcpChannel c0 = Connector.connect(plain("party0"), "dealer", "127.0.0.1", listener.port());
                 TcpChannel c1 = Connector.connect(plain("party1"), "dealer", "127.0.0.1", listener.port())) {
                Map<String, TcpChannel> atDealer = accepted.get(20, TimeUnit.SECONDS);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Listener.HANDSHAKE_TIMEOUT);
                atDealer.values().forEach(TcpChannel::close);
            }
        }
    }

    /** Closing a listener (a server stopping) ends a wait for peers at once, not at the connect timeout. */
    @Test
    void closingTheListenerEndsAWaitForPeers() throws Exception {
        Listener listener = Listener.open(plain("party1").withConnectTimeout(Duration.ofSeconds(60)), "127.0.0.1", 0,
            List.of("party0"));
        CompletableFuture<TcpChannel> waiting = CompletableFuture.supplyAsync(() -> listener.accept("party0"));
        Thread.sleep(200);
        long start = System.nanoTime();
        listener.close();
        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).cause()
            .hasMessage("party1 stopped listening on 127.0.0.1:" + listener.port());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    /** A listener binds the address it is given, not every interface. */
    @Test
    void aListenerIsReachableOnlyAtItsAddress() throws Exception {
        InetAddress external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
            .flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
            .findFirst().orElse(null);
        Assumptions.assumeTrue(external != null, "this host has no address besides loopback");
        try (Listener listener = Listener.open(plain("party1"), "127.0.0.1", 0, List.of("party0"))) {
            assertThatThrownBy(() -> new Socket(external, listener.port()).close())
                .isInstanceOf(ConnectException.class);
            new Socket("127.0.0.1", listener.port()).close();
        }
        assertThatThrownBy(() -> Listener.open(plain("party1"), "no-such-host.invalid", 0, List.of("party0")))
            .hasMessage("party1 cannot listen on no-such-host.invalid:0: unknown host no-such-host.invalid");
    }
}
