package org.cryptorch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cryptorch.api.ClusterConfig;
import org.cryptorch.api.CrypTorch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cryptorch dealer}: the dealer process of a private run whose processes run on different hosts. */
@Command(name = "dealer", mixinStandardHelpOptions = true,
    description = "Serves correlated randomness to both parties of the run described by the cluster file: listens "
        + "on its port, waits for both parties, and exits when party 1 is done. It never sees inputs or outputs.")
public final class DealerCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "cluster.yaml", description = "the cluster file")
    Path config;

    @Override
    public Integer call() {
        CrypTorch.runDealer(ClusterConfig.load(config));
        return 0;
    }
}
