package org.cryptorch.net;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Connects two ends inside one JVM over 127.0.0.1: the listener accepts on a free port in a helper thread. */
final class Loopback {
    private Loopback() {
    }

    /** Returns {listener's channel to the connector, connector's channel to the listener}. */
    static TcpChannel[] pair(NetConfig listening, NetConfig connecting) throws Exception {
        try (Listener listener = Listener.open(listening, "127.0.0.1", 0, List.of(connecting.self()))) {
            CompletableFuture<TcpChannel> accepted =
                CompletableFuture.supplyAsync(() -> listener.accept(connecting.self()));
            TcpChannel dialled;
            try {
                dialled = Connector.connect(connecting, listening.self(), "127.0.0.1", listener.port());
            } catch (RuntimeException e) {
                listener.close();
                accepted.handle((c, x) -> c == null ? null : closeAndNull(c)).get();
                throw e;
            }
            try {
                return new TcpChannel[] {accepted.get(), dialled};
            } catch (ExecutionException e) {
                dialled.close();
                throw (Exception) e.getCause();
            }
        }
    }

    private static Void closeAndNull(TcpChannel c) {
        c.close();
        return null;
    }
}
