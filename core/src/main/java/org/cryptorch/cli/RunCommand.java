package org.cryptorch.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.cryptorch.api.CrypTorch;
import org.cryptorch.api.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cryptorch run}: private inference between two party processes and a dealer process on this machine. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Private inference of MODEL on the samples in X.npy (a model with several inputs: one file per "
        + "input name; likewise the outputs): two party processes and a dealer process on "
        + "loopback, mutual TLS with throw-away certificates. Party 0 (by default) supplies the inputs, party 1 the "
        + "weights; the output owner writes Y.npy. Samples run in batches of --batch; each batch's correlated "
        + "randomness is fetched from the dealer before its online phase (offline and online are measured apart)."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    RunMixin run;

    @Option(names = "--timeout", defaultValue = "300", paramLabel = "SECONDS",
        description = "longest wait for a connection, a message or a process; the dealer waits this long between "
            + "two batches, so it must exceed a batch's time; at most 86400 (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        RunOptions options = run.options().withTimeout(Duration.ofSeconds(timeoutSeconds));
        CrypTorch.runLocal(options, run.progress("run"));
        return 0;
    }
}
