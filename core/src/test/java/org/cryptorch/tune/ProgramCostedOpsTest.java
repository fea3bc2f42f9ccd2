package org.cryptorch.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cryptorch.approx.Profile;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Compiler;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.Program;
import org.cryptorch.ir.Graph;
import org.cryptorch.mpc.Cost;
import org.cryptorch.onnx.OnnxReader;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.passes.Canonicalizer;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;
import org.cryptorch.testdata.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cost model reads a compiled program's rounds and bytes exactly as the program predicts them (which the exec
 * tests check against the parties' measured traffic): rounds, offline bytes and per-step bytes equal, on the
 * shared models with the default profile.
 */
class ProgramCostedOpsTest {
    @org.junit.jupiter.api.Test
    void sharesAddUpToTheFusedCost() {
        assertThat(ProgramCostedOps.shares(10, new long[] {1, 1, 2})).containsExactly(3, 2, 5);
        assertThat(ProgramCostedOps.shares(7, new long[] {0, 0})).containsExactly(4, 3);
        assertThat(java.util.Arrays.stream(ProgramCostedOps.shares(1_000_003, new long[] {3, 5, 7, 11})).sum())
            .isEqualTo(1_000_003);
    }

    @ParameterizedTest
    @CsvSource({"fmnist_mlp/model.onnx, fmnist_mlp/calib.npy", "digits_vit/model.onnx, digits_vit/calib.npy",
        "bench/mnist_cnn.onnx, bench/mnist_cnn_input.npy", "bench/bert_tiny.onnx, bench/bert_tiny_input.npy"})
    void costModelTotalsMatchTheProgram(String modelFile, String inputFile) {
        Path root = TestData.sharedModels().orElse(null);
        assumeTrue(root != null && Files.isRegularFile(root.resolve(modelFile)), "shared model " + modelFile);
        Graph g = OnnxReader.read(root.resolve(modelFile));
        String input = g.inputs().get(0).name();
        FloatTensor x = (FloatTensor) TensorFiles.read(root.resolve(inputFile));
        if (x.shape().dim(0) > 8) {
            x = x.slice(0, 0, 8, 1);
        }
        Canonicalizer.canonicalize(g, Map.of(input, x.shape()));
        Program p = Compiler.compile(g, Map.of(input, x.shape()), Plan.fromProfile(g, Profile.named(Profile.DEFAULT)),
            CompileOptions.defaults(), List.<Map<String, Tensor>>of(Map.of(input, x)));
        CostPrediction predicted = new CostModel(NetworkProfile.WAN, new ComputeCalibration(1e9, 1e10))
            .predict(ProgramCostedOps.ops(p), ProgramCostedOps.schedule(p));
        Cost exact = p.cost();
        System.out.printf("%s: program %d rounds, %d bytes; cost model %d rounds, %d bytes; wan %.3f s%n", modelFile,
            exact.rounds(), exact.bytesPerParty(), predicted.rounds(), predicted.bytesPerParty(), predicted.seconds());
        assertThat(predicted.rounds()).isEqualTo(exact.rounds());
        assertThat(predicted.offlineBytes()).isEqualTo(exact.offlineBytes());
        // per step the busier party's bytes (what the step waits for): inputs and outputs are one-sided, so this
        // sum is a little above the larger party's total
        assertThat(predicted.bytesPerParty()).isEqualTo(p.steps().stream().mapToLong(s -> s.cost().bytesPerParty())
            .sum()).isBetween(exact.bytesPerParty(), exact.bytesPerParty() + exact.bytesPerParty() / 100);
    }
}
