package org.cryptorch.exec;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cryptorch.approx.Approximation;
import org.cryptorch.approx.Approximations;
import org.cryptorch.approx.Choice;
import org.cryptorch.approx.Emitter;
import org.cryptorch.approx.Knob;
import org.cryptorch.approx.KnobValues;
import org.cryptorch.approx.Profile;
import org.cryptorch.compile.Plan;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;

/** Small graphs of primitives and a test ReLU (x - [x<0] * x) until the built-in library has one. */
final class TestModels {
    static final String RELU = "test.relu";

    private TestModels() {
    }

    /** Registers {@link #RELU} once per JVM. */
    static synchronized void registerRelu() {
        if (Approximations.all().stream().anyMatch(a -> a.name().equals(RELU))) {
            return;
        }
        Approximations.register(new Approximation() {
            public String name() {
                return RELU;
            }

            public String op() {
                return "Relu";
            }

            public String description() {
                return "exact: x - [x<0] * x";
            }

            public List<Knob> knobs() {
                return List.of(Knob.integer("bits", "comparison width, 0 = from calibration", 0, 64, 0));
            }

            public Range documentedRange(KnobValues knobs) {
                return new Range(-1e3, 1e3);
            }

            public List<Value> build(Emitter e, List<Value> in, Map<String, Attribute> attrs, KnobValues knobs) {
                Value x = in.get(0);
                return List.of(e.sub(x, e.mul(e.ltz(x, knobs.integer("bits")), x)));
            }
        });
    }

    static Plan reluPlan(Graph g) {
        registerRelu();
        return Plan.fromProfile(g, Profile.of("test", Map.of("Relu", new Choice(RELU, KnobValues.empty()))));
    }

    static Value random(Graph g, Random rnd, double scale, int... dims) {
        return g.constant(randomTensor(rnd, scale, dims));
    }

    static FloatTensor randomTensor(Random rnd, double scale, int... dims) {
        double[] d = new double[Shape.of(dims).size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = scale * rnd.nextGaussian();
        }
        return new FloatTensor(Shape.of(dims), d);
    }

    /** x[batch, 8] -> MatMul 8x16 -> Add -> Relu -> MatMul 16x3 -> Add. */
    static Graph mlp(int batch, long seed) {
        Random rnd = new Random(seed);
        Graph g = new Graph();
        g.setOpset("", 17);
        Value x = g.addInput("x", org.cryptorch.tensor.DType.FLOAT32, Shape.of(batch, 8));
        Value h = g.op("Add", g.op("MatMul", x, random(g, rnd, 0.4, 8, 16)), random(g, rnd, 0.1, 16));
        Value r = g.op("Relu", h);
        g.addOutput(g.op("Add", g.op("MatMul", r, random(g, rnd, 0.4, 16, 3)), random(g, rnd, 0.1, 3)));
        return g;
    }

    /** x[1, 2, 6, 6] -> Conv 3x2x3x3 (pad 1, bias) -> Relu -> AveragePool 2x2 -> Flatten -> MatMul 27x4. */
    static Graph convNet(long seed) {
        Random rnd = new Random(seed);
        Graph g = new Graph();
        g.setOpset("", 17);
        Value x = g.addInput("x", org.cryptorch.tensor.DType.FLOAT32, Shape.of(1, 2, 6, 6));
        Value c = g.op("Conv", Map.of("pads", Attribute.ofInts("pads", 1, 1, 1, 1),
            "kernel_shape", Attribute.ofInts("kernel_shape", 3, 3)), x, random(g, rnd, 0.3, 3, 2, 3, 3),
            random(g, rnd, 0.1, 3));
        Value p = g.op("AveragePool", Map.of("kernel_shape", Attribute.ofInts("kernel_shape", 2, 2),
            "strides", Attribute.ofInts("strides", 2, 2)), g.op("Relu", c));
        Value flat = g.op("Flatten", p);
        g.addOutput(g.op("MatMul", flat, random(g, rnd, 0.3, 27, 4)));
        return g;
    }
}
