package org.cryptorch.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A private run of both parties and the dealer of a plaintext cluster file on loopback, all in this JVM. */
final class InJvmCluster {
    private InJvmCluster() {
    }

    /** Writes a cluster file on free loopback ports into {@code dir} and loads it. */
    static ClusterConfig plaintext(Path dir) throws IOException {
        Path yaml = Files.writeString(dir.resolve("cluster.yaml"), "tls: false\ntimeout_seconds: 30\n"
            + "dealer: {host: 127.0.0.1, port: " + freePort() + "}\nparty1: {host: 127.0.0.1, port: " + freePort()
            + "}\nparty0: {host: 127.0.0.1}\n");
        return ClusterConfig.load(yaml);
    }

    /** Runs the dealer and both parties, each with its own options; returns party 0's statistics. */
    static RunStats run(ClusterConfig cluster, RunOptions party0, RunOptions party1) throws Exception {
        // Own threads: the common pool may have a single worker on a small machine, and these block each other.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> dealer = threads.submit(() -> CrypTorch.runDealer(cluster));
            Future<RunStats> second = threads.submit(() -> party(cluster, 1, party1));
            RunStats stats = party(cluster, 0, party0);
            second.get();
            dealer.get();
            return stats;
        } finally {
            threads.shutdownNow();
        }
    }

    private static RunStats party(ClusterConfig cluster, int id, RunOptions options) {
        try {
            return CrypTorch.runParty(cluster, id, options, Progress.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
