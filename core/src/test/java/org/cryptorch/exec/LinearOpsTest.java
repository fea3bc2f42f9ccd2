package org.cryptorch.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Compiler;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.Program;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Value;
import org.cryptorch.passes.Canonicalizer;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The exact linear ops the lowering rewrites to primitives, on the PlainBackend against float. */
class LinearOpsTest {
    @Test
    void meansPoolsPowersSumsBatchNormWhereAndSplitMatchFloat() {
        Random rnd = new Random(41);
        Graph g = new Graph();
        g.setOpset("", 17);
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 2, 4, 4));
        Value mean = g.op("ReduceMean", Map.of("axes", Attribute.ofInts("axes", 2, 3)), x);
        g.addOutput(g.op("Add", g.op("GlobalAveragePool", x), mean));
        Value scaled = g.op("Div", x, g.constant(FloatTensor.scalar(4)));
        Value squared = g.op("Pow", x, g.constant(FloatTensor.scalar(2)));
        g.addOutput(g.op("Sum", scaled, squared, x));
        Value bn = g.op("BatchNormalization", x, TestModels.random(g, rnd, 1, 2), TestModels.random(g, rnd, 1, 2),
            TestModels.random(g, rnd, 1, 2), g.constant(FloatTensor.of(Shape.of(2), 0.5, 2)));
        LongTensor keep = new LongTensor(Shape.of(1, 1, 4, 4), new long[] {1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1,
            1}, DType.BOOL);
        g.addOutput(g.op("Where", g.constant(keep), x, bn));
        org.cryptorch.ir.Node split = g.addNode("Split", List.of(x), 2, Map.of("axis", Attribute.of("axis", 1L)));
        g.addOutput(g.op("Add", split.output(0), split.output(1)));
        g.addOutput(g.op("AveragePool", Map.of("kernel_shape", Attribute.ofInts("kernel_shape", 3, 3),
            "pads", Attribute.ofInts("pads", 1, 1, 1, 1)), x));
        Value withPublic = g.op("Concat", Map.of("axis", Attribute.of("axis", 1L)), x,
            TestModels.random(g, rnd, 1, 1, 1, 4, 4));
        g.addOutput(g.op("Pad", withPublic, g.constant(LongTensor.of(Shape.of(8), 0, 0, 1, 0, 0, 0, 0, 2))));
        FloatTensor xv = TestModels.randomTensor(rnd, 1, 1, 2, 4, 4);
        Map<String, Tensor> want = FloatInterpreter.run(g, Map.of("x", xv));
        // canonical, as the compiler takes graphs (an unfolded BatchNormalization's factors are computed there)
        Canonicalizer.canonicalize(g, Map.of());
        Program p = Compiler.compile(g, Map.of(), Plan.of(List.of()), CompileOptions.defaults(), null);
        Map<String, FloatTensor> got = new Interpreter(p, new PlainBackend(16)).run(Map.of("x", xv)).outputs();
        assertThat(got.keySet()).isEqualTo(want.keySet());
        for (String name : want.keySet()) {
            double err = PlainBackendTest.maxAbsDiff(got.get(name), (FloatTensor) want.get(name));
            System.out.printf("linear ops: output %s max error %.2e%n", name, err);
            assertThat(err).as(name).isLessThan(1e-3);
        }
    }
}
