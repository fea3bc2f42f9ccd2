package org.cryptorch.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cryptorch.approx.Profile;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.Program;
import org.cryptorch.ir.Graph;
import org.cryptorch.mpc.Cost;
import org.cryptorch.onnx.OnnxReader;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.passes.Canonicalizer;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Tensor;
import org.cryptorch.testdata.TestData;
import org.junit.jupiter.api.Test;

/** The tuner on a real model: fmnist_mlp (GELU and sigmoid sites), scored on the PlainBackend. */
class ModelTuningTest {
    private static final int SAMPLES = 64;
    private static final ComputeCalibration FIXED = new ComputeCalibration(1e9, 2e10);

    @Test
    void costModelAgreesWithTheProgramAndBothStrategiesTuneWithinBudget() throws Exception {
        Path dir = TestData.sharedModels().map(m -> m.resolve("fmnist_mlp")).orElse(null);
        assumeTrue(dir != null && Files.isDirectory(dir), "shared model fmnist_mlp not found");
        Graph raw = OnnxReader.read(dir.resolve("model.onnx"));
        String input = raw.inputs().get(0).name();
        FloatTensor calib = ((FloatTensor) TensorFiles.read(dir.resolve("calib.npy"))).slice(0, 0, SAMPLES, 1);
        long[] labels = java.util.Arrays.copyOf(((LongTensor) TensorFiles.read(dir.resolve("calib_labels.npy")))
            .data(), SAMPLES);
        Graph g = Canonicalizer.canonicalize(raw, Map.of(input, calib.shape()));
        CostModel loopback = new CostModel(NetworkProfile.LOOPBACK, FIXED);
        long start = System.nanoTime();
        ModelSpace model = ModelSpace.build(g, Map.of(input, calib.shape()),
            List.<Map<String, Tensor>>of(Map.of(input, calib)), CompileOptions.defaults(),
            Plan.fromProfile(g, Profile.named(Profile.DEFAULT)), true, loopback, 2, System.out::println);
        System.out.printf("fmnist_mlp space: %s, built in %.1f s%n", model.space(), (System.nanoTime() - start) / 1e9);

        Program base = model.compile(model.plan(model.space().mostAccurate()));
        CostPrediction predicted = loopback.predict(ProgramCostedOps.ops(base), ProgramCostedOps.schedule(base));
        Cost programCost = base.cost();
        System.out.printf("base program: %d rounds, %d bytes per party; cost model: %d rounds, %d bytes%n",
            programCost.rounds(), programCost.bytesPerParty(), predicted.rounds(), predicted.bytesPerParty());
        assertThat(predicted.rounds()).isEqualTo(programCost.rounds());
        assertThat(predicted.bytesPerParty()).isEqualTo(base.steps().stream().mapToLong(s -> s.cost().bytesPerParty())
            .sum());

        PlainEvaluator eval = new PlainEvaluator(model, Map.of(input, calib),
            Objective.withLabels(Metric.ACCURACY, labels));
        for (SearchStrategy strategy : List.of(new GreedyBinarySearch(), new CostBenefitSearch())) {
            TuneReport r = new Tuner(model.space(), eval, loopback, model.otherOps(),
                new TuneOptions(Metric.ACCURACY, Budget.parse("0.01"), 1, 2, false)).tune(strategy);
            System.out.printf("%s: accuracy %.3f (reference %.3f), predicted loopback %.4f s vs %.4f s (%.2fx), "
                    + "%d evaluations, %d cache hits, %.1f s; plan %s%n", r.strategy(), r.chosen().metric(),
                r.reference().metric(), r.chosen().seconds(), r.reference().seconds(), r.predictedSpeedup(),
                r.searchEvaluations(), r.cacheHits(), r.searchSeconds(), PlanFile.plan(r).sites());
            assertThat(r.reference().metric() - r.chosen().metric()).isLessThanOrEqualTo(0.01 + 1e-12);
            assertThat(r.chosen().seconds()).isLessThanOrEqualTo(r.reference().seconds());
            // the chosen plan really compiles and scores what the search measured
            assertThat(eval.evaluate(r.chosen().assignment(), 1)).isEqualTo(r.chosen().metric());
        }
    }
}
