package org.cryptorch.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.cryptorch.approx.Profile;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Compiler;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.Program;
import org.cryptorch.ir.Graph;
import org.cryptorch.onnx.OnnxReader;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.passes.Canonicalizer;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The small models of the zoo as PyTorch exported them ({@code scripts/export_zoo.py --ci}), default profile,
 * comparison widths from calibration samples other than the input: two
 * parties (MPC backend, exact rounds and bytes) agree with PyTorch: the same argmax, and a max abs error of at most
 * 1% of the range of PyTorch's output.
 */
class ZooModelsTest {
    @ParameterizedTest
    @ValueSource(strings = {"conv_relu_maxpool", "shufflenet_v2_x0_5", "mobilenet_v3_small_half"})
    void runsPrivatelyAndAgreesWithPyTorch(String name) throws URISyntaxException {
        Path dir = Path.of(ZooModelsTest.class.getResource("/org/cryptorch/zoo/" + name).toURI());
        Graph raw = OnnxReader.read(dir.resolve("model.onnx"));
        String input = raw.inputs().get(0).name();
        FloatTensor x = (FloatTensor) TensorFiles.read(dir.resolve("input.npy"));
        FloatTensor expected = (FloatTensor) TensorFiles.read(dir.resolve("output.npy"));
        FloatTensor calib = (FloatTensor) TensorFiles.read(dir.resolve("calib.npy"));
        Graph g = Canonicalizer.canonicalize(raw, Map.of(input, x.shape()));
        List<Map<String, Tensor>> samples = IntStream.range(0, calib.shape().dim(0))
            .mapToObj(i -> Map.<String, Tensor>of(input, calib.slice(0, i, i + 1, 1))).toList();
        Program p = Compiler.compile(g, Map.of(input, x.shape()), Plan.fromProfile(g, Profile.named(Profile.DEFAULT)),
            CompileOptions.defaults(), samples);
        TwoPartyRun.Outcome o = MpcBackendTest.checkAgainstPlain(p, Map.of(input, x), name);
        FloatTensor got = o.party0().outputs().values().iterator().next();
        double range = max(expected) - min(expected);
        double err = PlainBackendTest.maxAbsDiff(got, expected);
        System.out.printf("%s: max |mpc - pytorch| = %.5f (%.3f%% of the output range %.3f)%n", name, err,
            100 * err / range, range);
        assertThat(argmax(got)).isEqualTo(argmax(expected));
        assertThat(err).isLessThanOrEqualTo(0.01 * range);
    }

    private static int argmax(FloatTensor t) {
        int best = 0;
        for (int i = 1; i < t.data().length; i++) {
            best = t.data()[i] > t.data()[best] ? i : best;
        }
        return best;
    }

    private static double max(FloatTensor t) {
        return t.data()[argmax(t)];
    }

    private static double min(FloatTensor t) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : t.data()) {
            m = Math.min(m, v);
        }
        return m;
    }
}
