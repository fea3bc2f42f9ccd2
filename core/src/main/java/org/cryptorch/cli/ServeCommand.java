package org.cryptorch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cryptorch.api.ClusterConfig;
import org.cryptorch.api.CrypTorch;
import org.cryptorch.api.ModelServer;
import org.cryptorch.api.NamedFiles;
import org.cryptorch.api.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cryptorch serve}: the model owner's long-lived server (party 1 of every client session). */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serves MODEL.onnx (the full model: this host owns the weights) to clients at the party1 address "
        + "of the cluster file, with `cryptorch dealer --serve` at the dealer address. Programs are compiled once "
        + "per input shape; per client session the weights are shared once and the links warmed up once, then the "
        + "client's queries run one after another. At most --max-concurrent sessions run at once; up to --queue "
        + "more clients wait (told their place), and a client beyond that is refused as busy, in one line. One line "
        + "per query on standard output (query id, peer, shape, online s, rounds, bytes); a failed session or a "
        + "refused client is one line and the server goes on. SIGTERM finishes the running queries, refuses new "
        + "ones and exits 0.",
        "Clients run `cryptorch query` with the file `cryptorch export-public` wrote."})
public final class ServeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "the model")
    Path model;

    @Option(names = "--config", required = true, paramLabel = "cluster.yaml", description = "the cluster file")
    Path config;

    @Mixin
    CompileChoices compile;

    @Mixin
    PublicInputsOption publicInputs;

    @Option(names = "--stats-file", paramLabel = "F.jsonl",
        description = "append one JSON line per query: query, peer, shape, online/offline/setup/wall seconds, rounds, "
            + "bytes_sent, offline_bytes (this server's figures)")
    Path statsFile;

    @Option(names = "--max-concurrent", defaultValue = "1", paramLabel = "N",
        description = "client sessions served at once (default: ${DEFAULT-VALUE})")
    int maxConcurrent;

    @Option(names = "--queue", defaultValue = "8", paramLabel = "M",
        description = "clients that may wait for a free session; one more is refused as busy (default: "
            + "${DEFAULT-VALUE})")
    int queue;

    @Override
    public Integer call() throws Exception {
        ModelServer.Limits limits = new ModelServer.Limits(maxConcurrent, queue);
        ClusterConfig cluster = ClusterConfig.load(config);
        RunOptions options = RunOptions.of(model, NamedFiles.NONE, NamedFiles.NONE).withPlan(compile.planChoice())
            .withCalibration(compile.calibration())
            .withPublicInputs(publicInputs.names()).withTimeout(cluster.timeout());
        ModelServer server = CrypTorch.serve(cluster, options, limits, statsFile, System.out::println);
        Termination.onSignal(server::stop);
        server.awaitStopped();
        return 0;
    }
}
