package org.cryptorch.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.cryptorch.cli.selftest.SelftestConfig;
import org.cryptorch.cli.selftest.SelftestLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cryptorch selftest --local}: every protocol between real processes, checked against plaintext. */
@Command(name = "selftest", mixinStandardHelpOptions = true,
    description = {
        "Starts two party processes and a dealer process on loopback (free ports, mutual TLS with throw-away "
            + "certificates), runs each protocol on random data, and prints one JSON object per line per protocol: "
            + "name, elements, bits (comparisons), max_abs_error, error_bound, rounds, bytes_per_party, bytes_sent, "
            + "online_seconds, offline_bytes, the predicted rounds and bytes, ok.",
        "Correlations are fetched from the dealer before the online part is timed (the offline phase). Each line "
            + "runs twice: a warm-up that also records the correlations needed, then the measured run.",
        "Each party draws its own input from a seed it keeps. To check results, AFTER the measured run party 1 "
            + "sends its input and its output shares to party 0 in the clear; this is a test, not a protocol.",
        "Exit status 1 if any line is not ok (error above its bound, or measured rounds or bytes differ from the "
            + "cost function), or if a process fails."})
public final class SelftestCommand implements Callable<Integer> {
    @Option(names = "--local", required = true,
        description = "run all three processes on this machine (the only mode so far)")
    boolean local;

    @Option(names = "--elements", defaultValue = "1048576", paramLabel = "N",
        description = "elements of element-wise protocols and comparisons (default: ${DEFAULT-VALUE})")
    int elements;

    @Option(names = "--matmul-size", defaultValue = "512", paramLabel = "N",
        description = "n of the n x n x n matrix product (default: ${DEFAULT-VALUE})")
    int matmulSize;

    @Option(names = "--conv-channels", defaultValue = "64", paramLabel = "C",
        description = "channels in and out of the 1xCx32x32 convolution, 3x3 kernel, padding 1 "
            + "(default: ${DEFAULT-VALUE})")
    int convChannels;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "N",
        description = "measured runs of each line after its warm-up; online_seconds is their median and "
            + "online_seconds_runs lists each (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
        description = "give up (and kill the processes) after this long (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Option(names = "--no-tls", description = "plain TCP between the processes instead of mutual TLS 1.3")
    boolean noTls;

    @Option(names = "--only", split = ",", paramLabel = "NAME",
        description = "run only these lines (comma-separated names)")
    List<String> only = List.of();

    @Override
    public Integer call() throws Exception {
        SelftestConfig config = new SelftestConfig(elements, matmulSize, convChannels, repeat,
            Duration.ofSeconds(timeoutSeconds), null, only);
        return new SelftestLauncher(config, !noTls).run(System.out) ? 0 : 1;
    }
}
