package org.cryptorch.api;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.cryptorch.mpc.DealerServer;
import org.cryptorch.net.Channel;
import org.cryptorch.net.Connector;
import org.cryptorch.net.Listener;
import org.cryptorch.net.NetConfig;
import org.cryptorch.net.TcpChannel;

/**
 * The connections of the three processes: the dealer listens for both parties, party 1 listens for party 0. A
 * party's links are its channel to the other party and to the dealer; closing them closes both.
 */
public final class Links implements AutoCloseable {
    public static final String DEALER = "dealer";
    public static final String PARTY0 = "party0";
    public static final String PARTY1 = "party1";

    private final Channel peer;
    private final Channel dealer;

    private Links(Channel peer, Channel dealer) {
        this.peer = peer;
        this.dealer = dealer;
    }

    public static String name(int partyId) {
        return partyId == 0 ? PARTY0 : PARTY1;
    }

    /**
     * Connects party {@code id}: party 1 listens on {@code listenPort} (0 for a free one) for party 0, and both
     * connect to the dealer.
     */
    public static Links party(int id, NetConfig net, int listenPort, Rendezvous where) throws IOException {
        if (id == 1) {
            try (Listener listener = Listener.open(net, where.bindHost(PARTY1), listenPort, List.of(PARTY0))) {
                where.listening(listener.port());
                Channel dealer = Connector.connect(net, DEALER, where.host(DEALER), where.port(DEALER));
                where.addressesKnown();
                try {
                    return new Links(listener.accept(PARTY0), dealer);
                } catch (RuntimeException e) {
                    dealer.close();
                    throw e;
                }
            }
        }
        String dealerHost = where.host(DEALER);
        int dealerPort = where.port(DEALER);
        String party1Host = where.host(PARTY1);
        int party1Port = where.port(PARTY1);
        where.addressesKnown();
        Channel dealer = Connector.connect(net, DEALER, dealerHost, dealerPort);
        try {
            return new Links(Connector.connect(net, PARTY1, party1Host, party1Port), dealer);
        } catch (RuntimeException e) {
            dealer.close();
            throw e;
        }
    }

    /**
     * A client of a model server (party 0 of a session): connects to the server and waits to be admitted (a queued
     * client has not yet taken the dealer's attention; {@code notices} hears of its place in the queue), then joins
     * the dealer under the session's token.
     */
    static Links client(NetConfig net, Rendezvous where, Consumer<String> notices) throws IOException {
        String serverName = PARTY1 + " at " + where.host(PARTY1) + ":" + where.port(PARTY1);
        Channel server = Connector.connect(net, PARTY1, where.host(PARTY1), where.port(PARTY1));
        try {
            String token = SessionAdmission.awaitAdmission(server, serverName, notices);
            return new Links(server, joinDealer(net, where, token));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * The server's side of a session with an admitted {@code client} (which stays owned by the caller): tells it the
     * session's token, waits for its acknowledgement, then joins the dealer under that token.
     */
    static Links serverSession(NetConfig net, Channel client, Rendezvous where) throws IOException {
        String token = SessionAdmission.newToken();
        SessionAdmission.admit(client, token);
        return new Links(client, joinDealer(net, where, token));
    }

    private static Channel joinDealer(NetConfig net, Rendezvous where, String token) throws IOException {
        Channel dealer = Connector.connect(net, DEALER, where.host(DEALER), where.port(DEALER));
        try {
            SessionAdmission.joinDealerSession(dealer, token);
            return dealer;
        } catch (RuntimeException e) {
            dealer.close();
            throw e;
        }
    }

    /** The dealer process: listens on {@code port}, waits for both parties, serves them until party 1 is done. */
    public static void serveDealer(NetConfig net, int port, Rendezvous where) {
        try (Listener listener = Listener.open(net, where.bindHost(DEALER), port, List.of(PARTY0, PARTY1))) {
            where.listening(listener.port());
            where.addressesKnown();
            Map<String, TcpChannel> parties = listener.accept(List.of(PARTY0, PARTY1));
            try (Channel p0 = parties.get(PARTY0); Channel p1 = parties.get(PARTY1)) {
                new DealerServer(p0, p1).run();
            }
        }
    }

    public Channel peer() {
        return peer;
    }

    public Channel dealer() {
        return dealer;
    }

    @Override
    public void close() {
        try (Channel d = dealer) {
            peer.close();
        }
    }
}
