package org.cryptorch.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.api.PlanChoice;
import org.cryptorch.api.RunStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsFileTest {
    @TempDir
    Path dir;

    private Path copy(String resource, String name) throws Exception {
        Path to = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/org/cryptorch/zoo/conv_relu_maxpool/" + resource)) {
            Files.copy(in, to);
        }
        return to;
    }

    @Test
    void replayedRunsAreTheRunsThatWereWritten() throws Exception {
        Path onnx = copy("model.onnx", "cnn.onnx");
        copy("input.npy", "cnn_input.npy");
        BenchModel m = BenchModel.load(onnx, PlanChoice.profile(PlanChoice.DEFAULT_PROFILE), false);
        RunFigures run = new RunFigures(0.25, 17, 280_000, 1_100_000, 2e-5, Double.NaN,
            List.of(new RunStats.Op("ltz_times", "/relu/Relu", 4, 228_096, 0.0148)));
        Map<BenchNetwork, List<RunFigures>> perNetwork = new LinkedHashMap<>();
        perNetwork.put(BenchNetwork.parse("wan"), List.of(run, run));
        Map<BenchModel, Map<BenchNetwork, List<RunFigures>>> all = new LinkedHashMap<>();
        all.put(m, perNetwork);
        Path file = dir.resolve("runs.json");
        RunsFile.write(new Benchmark.Runs(all), file);

        Benchmark.Runs back = RunsFile.read(file);
        BenchModel m2 = back.byConfiguration().keySet().iterator().next();
        assertThat(m2.name()).isEqualTo("cnn");
        assertThat(m2.program().cost()).isEqualTo(m.program().cost());
        Map.Entry<BenchNetwork, List<RunFigures>> e = back.byConfiguration().get(m2).entrySet().iterator().next();
        assertThat(e.getKey()).isEqualTo(BenchNetwork.parse("wan"));
        assertThat(e.getValue()).hasSize(2);
        RunFigures r = e.getValue().get(0);
        assertThat(r.onlineSeconds()).isEqualTo(0.25);
        assertThat(r.perOp()).isEqualTo(run.perOp());
        assertThat(r.maxError()).isEqualTo(2e-5);
        assertThat(r.accuracy()).isNaN();
    }
}
