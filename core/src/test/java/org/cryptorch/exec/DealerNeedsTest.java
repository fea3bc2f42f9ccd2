package org.cryptorch.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cryptorch.approx.Profile;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Compiler;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.Program;
import org.cryptorch.ir.Graph;
import org.cryptorch.mpc.Party;
import org.cryptorch.mpc.Recipe;
import org.cryptorch.mpc.RecipeSpec;
import org.cryptorch.mpc.RecordingCorrelations;
import org.cryptorch.mpc.TwoParties;
import org.cryptorch.onnx.OnnxReader;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.passes.Canonicalizer;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;
import org.cryptorch.testdata.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A program's dealer needs, stated from shapes alone ({@link Program#setupRecipes}, {@link Program#recipes}), are
 * exactly what a two-party run takes, in order: the setup, the warm-up prefix a party session runs, then a run.
 * Secret weights (fixed masks), the masked input, convolutions, fused comparisons and dealer truncations all take
 * part in the models below.
 */
class DealerNeedsTest {
    @Test
    void mlpWithSecretWeights() {
        Graph g = TestModels.mlp(4, 31);
        FloatTensor x = TestModels.randomTensor(new Random(32), 1.0, 4, 8);
        Program p = Compiler.compile(g, Map.of("x", x.shape()), TestModels.reluPlan(g),
            CompileOptions.defaults().withTruncation(g.nodes().get(0).name(), org.cryptorch.mpc.Truncation.DEALER),
            null);
        check(p, Map.of("x", x));
    }

    @Test
    void convNetWithSecretWeights() {
        Graph g = TestModels.convNet(33);
        FloatTensor x = TestModels.randomTensor(new Random(34), 1.0, 1, 2, 6, 6);
        check(Compiler.compile(g, Map.of("x", x.shape()), TestModels.reluPlan(g), CompileOptions.defaults(), null),
            Map.of("x", x));
    }

    @ParameterizedTest
    @CsvSource({"fmnist_mlp, 8", "digits_vit, 2"})
    void sharedModels(String model, int batch) {
        Path dir = TestData.sharedModels().map(m -> m.resolve(model)).orElse(null);
        assumeTrue(dir != null && Files.isDirectory(dir), "shared model " + model);
        Graph raw = OnnxReader.read(dir.resolve("model.onnx"));
        String input = raw.inputs().get(0).name();
        FloatTensor x = ((FloatTensor) TensorFiles.read(dir.resolve("inputs.npy"))).slice(0, 0, batch, 1);
        check(defaultProfile(raw, input, x), Map.of(input, x));
    }

    @ParameterizedTest
    @CsvSource({"mnist_cnn", "bert_tiny"})
    void benchModels(String model) {
        Path dir = TestData.sharedModels().map(m -> m.resolve("bench")).orElse(null);
        assumeTrue(dir != null && Files.isRegularFile(dir.resolve(model + ".onnx")), "bench model " + model);
        Graph raw = OnnxReader.read(dir.resolve(model + ".onnx"));
        String input = raw.inputs().get(0).name();
        FloatTensor x = (FloatTensor) TensorFiles.read(dir.resolve(model + "_input.npy"));
        check(defaultProfile(raw, input, x), Map.of(input, x));
    }

    /** Compiled with the default profile, calibrated on {@code x} (so comparison widths differ by site). */
    private static Program defaultProfile(Graph raw, String input, FloatTensor x) {
        Graph g = Canonicalizer.canonicalize(raw, Map.of(input, x.shape()));
        return Compiler.compile(g, Map.of(input, x.shape()), Plan.fromProfile(g, Profile.named(Profile.DEFAULT)),
            CompileOptions.defaults(), List.<Map<String, Tensor>>of(Map.of(input, x)));
    }

    /** Runs setup, the warm-up prefix and a run at both parties, recording what each takes from the dealer. */
    private static void check(Program p, Map<String, ? extends Tensor> inputs) {
        int warmup = WarmupPrefix.of(p);
        TwoParties.Run<List<List<RecipeSpec>>> taken = TwoParties.run(35, party -> {
            RecordingCorrelations log = new RecordingCorrelations(party.correlations());
            Interpreter it = new Interpreter(p, new MpcBackend(new Party(party.id(), party.peer(), log,
                party.fractionalBits())));
            it.setup();
            List<RecipeSpec> setup = log.takeLog();
            it.warmUp(party.id() == 0 ? inputs : Map.of(), warmup);
            List<RecipeSpec> warm = log.takeLog();
            it.run(party.id() == 0 ? inputs : Map.of());
            return List.of(setup, warm, log.takeLog());
        });
        for (List<List<RecipeSpec>> party : List.of(taken.result0(), taken.result1())) {
            assertThat(party.get(0)).as("setup").isEqualTo(specs(p.setupRecipes()));
            assertThat(party.get(1)).as("warm-up prefix of %d steps", warmup).isEqualTo(specs(p.recipes(0, warmup)));
            assertThat(party.get(2)).as("run").isNotEmpty().isEqualTo(specs(p.recipes(0, p.steps().size())));
        }
    }

    private static List<RecipeSpec> specs(List<Recipe> recipes) {
        return recipes.stream().map(Recipe::spec).toList();
    }
}
