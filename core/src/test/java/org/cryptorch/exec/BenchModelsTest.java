package org.cryptorch.exec;

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

/** The benchmark models (one sample each, expected outputs given), default profile, on the PlainBackend. */
class BenchModelsTest {
    /** A bench model compiled for its sample input (also the calibration input), default profile. */
    private record Compiled(Program program, String input, FloatTensor x, FloatTensor expected, double seconds) {
        static Compiled of(String model) {
            Path dir = TestData.sharedModels().map(m -> m.resolve("bench")).orElse(null);
            assumeTrue(dir != null && Files.isRegularFile(dir.resolve(model + ".onnx")), "bench model " + model);
            Graph raw = OnnxReader.read(dir.resolve(model + ".onnx"));
            String input = raw.inputs().get(0).name();
            FloatTensor x = (FloatTensor) TensorFiles.read(dir.resolve(model + "_input.npy"));
            FloatTensor expected = (FloatTensor) TensorFiles.read(dir.resolve(model + "_output.npy"));
            Graph g = Canonicalizer.canonicalize(raw, Map.of(input, x.shape()));
            long t0 = System.nanoTime();
            Program p = Compiler.compile(g, Map.of(input, x.shape()),
                Plan.fromProfile(g, Profile.named(Profile.DEFAULT)), CompileOptions.defaults(),
                List.<Map<String, Tensor>>of(Map.of(input, x)));
            return new Compiled(p, input, x, expected, (System.nanoTime() - t0) / 1e9);
        }
    }

    @ParameterizedTest
    @CsvSource({"mnist_cnn, 0.01", "bert_tiny, 0.05", "bert_mini, 0.05"})
    void matchesTheExpectedOutput(String model, double tolerance) {
        Compiled m = Compiled.of(model);
        Program p = m.program();
        FloatTensor expected = m.expected();
        long t1 = System.nanoTime();
        FloatTensor out = new Interpreter(p, new PlainBackend(p.fractionalBits())).run(Map.of(m.input(), m.x()))
            .outputs().values().iterator().next();
        double err = PlainBackendTest.maxAbsDiff(out, expected);
        Cost c = p.cost();
        System.out.printf("%s: max abs error %.4f; compile %.2f s, simulate %.2f s; predicted %d rounds, %.1f MB per "
                + "party, %.1f MB offline%n", model, err, m.seconds(), (System.nanoTime() - t1) / 1e9, c.rounds(),
            c.bytesPerParty() / 1e6, c.offlineBytes() / 1e6);
        Map<String, long[]> byOp = new java.util.TreeMap<>();
        p.steps().forEach(st -> {
            long[] a = byOp.computeIfAbsent(st.op(), k -> new long[3]);
            a[0] += st.cost().rounds();
            a[1] += st.cost().bytesPerParty();
            a[2]++;
        });
        byOp.forEach((op, a) -> System.out.printf("  %-14s %4d rounds %10d bytes %5d steps%n", op, a[0], a[1], a[2]));
        assertThat(err).isLessThan(tolerance);
    }

    @ParameterizedTest
    @CsvSource({"mnist_cnn", "bert_tiny"})
    void twoPartiesEqualThePlainBackend(String model) {
        Compiled m = Compiled.of(model);
        long t0 = System.nanoTime();
        MpcBackendTest.checkAgainstPlain(m.program(), Map.of(m.input(), m.x()), model);
        System.out.printf("%s: two parties in one JVM, %.2f s including the plain run%n", model,
            (System.nanoTime() - t0) / 1e9);
    }
}
