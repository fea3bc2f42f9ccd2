package org.cryptorch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cryptorch.api.ClusterConfig;
import org.cryptorch.api.CrypTorch;
import org.cryptorch.api.DealerService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cryptorch dealer}: the dealer process of a private run whose processes run on different hosts. */
@Command(name = "dealer", mixinStandardHelpOptions = true,
    description = "Serves correlated randomness to both parties of the run described by the cluster file: listens "
        + "on its port, waits for both parties, and exits when party 1 is done (with --serve: serves one session "
        + "after another, for `cryptorch serve` and its clients, one line per session, until SIGTERM). It never sees "
        + "inputs or outputs.")
public final class DealerCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "cluster.yaml", description = "the cluster file")
    Path config;

    @Option(names = "--serve", description = "keep serving sessions (of a model server and its clients) until SIGTERM")
    boolean serve;

    @Override
    public Integer call() throws InterruptedException {
        ClusterConfig cluster = loadCluster(config);
        if (!serve) {
            CrypTorch.runDealer(cluster);
            return 0;
        }
        DealerService dealer = CrypTorch.serveDealer(cluster, System.out::println);
        Termination.onSignal(dealer::stop);
        dealer.awaitStopped();
        return 0;
    }

    /** Reads a cluster file, with a warning on standard error when it runs plain TCP ({@code tls: false}). */
    static ClusterConfig loadCluster(Path file) {
        ClusterConfig cluster = ClusterConfig.load(file);
        if (cluster.plaintext()) {
            System.err.println("cryptorch: warning: " + file.getFileName() + " has tls: false: the processes talk "
                + "unencrypted and unauthenticated TCP (allowed on loopback only)");
        }
        return cluster;
    }
}
