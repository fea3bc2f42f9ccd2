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
        + "on its port, waits for both parties, and exits when party 1 is done (with --serve: serves the sessions of "
        + "`cryptorch serve` and its clients, several at once, until SIGTERM: it generates each "
        + "session's next requests ahead into a pool of --pool requests per session within --pool-mb MB, and logs "
        + "one line per session with its counters and the pool's level). It never sees inputs or outputs.")
public final class DealerCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "cluster.yaml", description = "the cluster file")
    Path config;

    @Option(names = "--serve", description = "keep serving sessions (of a model server and its clients) until SIGTERM")
    boolean serve;

    @Option(names = "--pool", defaultValue = "2", paramLabel = "N",
        description = "with --serve: requests generated ahead per session, 0 for none (default: ${DEFAULT-VALUE})")
    int pool;

    @Option(names = "--pool-mb", defaultValue = "1024", paramLabel = "MB",
        description = "with --serve: memory cap on what all sessions hold generated ahead (default: ${DEFAULT-VALUE})")
    long poolMb;

    @Override
    public Integer call() throws InterruptedException {
        ClusterConfig cluster = loadCluster(config);
        if (!serve) {
            CrypTorch.runDealer(cluster);
            return 0;
        }
        DealerService dealer = CrypTorch.serveDealer(cluster, new DealerService.PoolLimits(pool, poolMb << 20),
            System.out::println);
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
