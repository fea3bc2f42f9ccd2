package org.cryptorch.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cryptorch.api.ClientSession;
import org.cryptorch.api.ClusterConfig;
import org.cryptorch.api.CrypTorch;
import org.cryptorch.api.JsonLines;
import org.cryptorch.api.Model;
import org.cryptorch.api.NamedFiles;
import org.cryptorch.api.RunOptions;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cryptorch query}: a client of {@code cryptorch serve}, many queries over one session. */
@Command(name = "query", mixinStandardHelpOptions = true,
    description = "Connects to the model server of the cluster file (as party 0) once, then sends the samples of "
        + "X.npy as consecutive queries of --per-query samples over that session: no new process, compile or TLS "
        + "handshake per query (while the server is busy with other clients, it waits in the server's queue and says so "
        + "on standard error; a server whose queue is full refuses it, and query exits 1 naming the server). "
        + "MODEL.onnx may be (and should be) the server's `cryptorch export-public` file: the "
        + "plan and comparison widths come from the server. Writes all outputs to Y.npy (one file per output "
        + "name for a model with several) at the end (atomically).")
public final class QueryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PUBLIC.onnx", description = "the public model (or the model)")
    Path model;

    @Option(names = "--config", required = true, paramLabel = "cluster.yaml", description = "the cluster file")
    Path config;

    @Option(names = "--inputs", required = true, paramLabel = "[NAME=]X.npy",
        description = "input samples, the first dimension indexing samples: one file for a model's only input, else "
            + "NAME=FILE for each input (repeat the option)")
    List<String> inputs;

    @Option(names = "--output", required = true, paramLabel = "[NAME=]Y.npy",
        description = "where to write the outputs: one file for a model's only output, else NAME=FILE for each")
    List<String> outputs;

    @Mixin
    PublicInputsOption publicInputs;

    @Option(names = "--per-query", defaultValue = "1", paramLabel = "N",
        description = "samples per query (default: ${DEFAULT-VALUE})")
    int perQuery;

    @Option(names = "--interval", defaultValue = "0", paramLabel = "SECONDS",
        description = "start a query at most every SECONDS (default ${DEFAULT-VALUE}: back to back); a client that "
            + "leaves the server and dealer time to prepare the next query's correlations sees about its online time")
    double interval;

    @Option(names = "--stats-file", paramLabel = "F.jsonl",
        description = "append one JSON line per query: query, latency_seconds (call to output, as this client saw "
            + "it), finished_at (Unix seconds), online_seconds, offline_seconds, setup_seconds, rounds, bytes_per_party")
    Path statsFile;

    @Override
    public Integer call() throws Exception {
        ClusterConfig cluster = ClusterConfig.load(config);
        RunOptions options = RunOptions.of(model, NamedFiles.parse("--inputs", inputs),
            NamedFiles.parse("--output", outputs)).withPublicInputs(publicInputs.names())
            .withTimeout(cluster.timeout());
        CrypTorch.checkFiles(options, true, false);
        Model publicModel = CrypTorch.load(model);
        Map<String, Tensor> x = CrypTorch.readSamples(options.inputFiles(publicModel));
        Map<String, Path> outputFiles = options.outputFiles(publicModel);
        publicModel.checkSamples(x, perQuery);
        Map<String, FloatTensor> y;
        try (ClientSession session = CrypTorch.connect(cluster, options, System.err::println)) {
            y = session.inferEach(x, perQuery, Duration.ofNanos(Math.round(interval * 1e9)), this::record);
        }
        CrypTorch.writeOutputs(outputFiles, y);
        return 0;
    }

    private void record(ClientSession.QueryFigures q) {
        if (statsFile == null) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("query", q.query());
        line.put("latency_seconds", q.latencySeconds());
        line.put("finished_at", System.currentTimeMillis() / 1e3);
        line.put("online_seconds", q.stats().onlineSeconds());
        line.put("offline_seconds", q.stats().offlineSeconds());
        line.put("setup_seconds", q.stats().setup().seconds() + q.stats().setup().compileSeconds());
        line.put("rounds", q.stats().rounds());
        line.put("bytes_per_party", q.stats().bytesPerParty());
        JsonLines.append(statsFile, line);
    }
}
