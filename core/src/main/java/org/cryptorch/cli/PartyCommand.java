package org.cryptorch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cryptorch.api.ClusterConfig;
import org.cryptorch.api.CrypTorch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cryptorch party}: one party of a private run whose processes run on different hosts. */
@Command(name = "party", mixinStandardHelpOptions = true,
    description = {"Runs party 0 or 1 of a private run described by a cluster file (hosts, ports, certificates "
        + "from `cryptorch keygen`); start `cryptorch dealer` and the other party with the same file. The party "
        + "holding the model (the weights' owner; party 1 for public weights) compiles with its --plan/--profile and "
        + "--calib and sends the plan; the other party may run from `cryptorch export-public`'s file (no weight "
        + "values) and needs no plan (one it is given must match). Both need the same ownership and batch, and "
        + "compare the programs they compiled. Each input's owner needs its --inputs file, each output's receiver its "
        + "--output file; party 0 writes --stats."})
public final class PartyCommand implements Callable<Integer> {
    @Mixin
    RunMixin run;

    @Option(names = "--config", required = true, paramLabel = "cluster.yaml", description = "the cluster file")
    Path config;

    @Option(names = "--id", required = true, paramLabel = "0|1", description = "which party this process is")
    int id;

    @Override
    public Integer call() throws Exception {
        if (id != 0 && id != 1) {
            throw new IllegalArgumentException("--id must be 0 or 1, got " + id);
        }
        ClusterConfig cluster = DealerCommand.loadCluster(config);
        CrypTorch.runParty(cluster, id, run.options(), run.progress("party" + id));
        return 0;
    }
}
