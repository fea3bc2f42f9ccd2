package org.cryptorch.approx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.cryptorch.cli.approx.AccuracyCheck;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Value;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A user's approximation needs its class and one register call; the library then finds and runs it. */
class CustomApproximationTest {

    /** A user's exp: Taylor series of the given order around 0, accurate on [-1, 1]. */
    static final class ExpTaylor implements Approximation {
        @Override
        public String name() {
            return "exp.taylor";
        }

        @Override
        public String op() {
            return "Exp";
        }

        @Override
        public String description() {
            return "Taylor series around 0 (test)";
        }

        @Override
        public List<Knob> knobs() {
            return List.of(Knob.integer("order", "terms", 2, 12, 8));
        }

        @Override
        public Range documentedRange(KnobValues knobs) {
            return new Range(-1, 1);
        }

        @Override
        public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
            int order = knobs.integer("order");
            double[] c = new double[order + 1];
            c[0] = 1;
            for (int k = 1; k <= order; k++) {
                c[k] = c[k - 1] / k;
            }
            return List.of(e.polynomial(inputs.get(0), c));
        }
    }

    @BeforeAll
    static void register() {
        Approximations.register(new ExpTaylor());
    }

    /** Registered for the whole test JVM, it would be one more Exp candidate in later tuning tests. */
    @AfterAll
    static void unregister() {
        Approximations.unregister("exp.taylor");
    }

    @Test
    void registeredApproximationIsFoundAndRunsInsideAModel() {
        Approximation a = Approximations.get("exp.taylor");
        assertThat(Approximations.forOp("Exp")).contains(a);
        // model: y = exp(0.5 x) + 1, with the Exp site replaced by the approximation
        double[] xs = {-2, -1, -0.5, 0, 0.25, 1, 2};
        Graph exact = new Graph();
        Value x = exact.addInput("x", DType.FLOAT32, Shape.of(xs.length));
        exact.addOutput(exact.op("Add", exact.op("Exp", exact.op("Mul", x, half(exact))), one(exact)));
        Graph approx = new Graph();
        Value ax = approx.addInput("x", DType.FLOAT32, Shape.of(xs.length));
        Value site = new Emitter(approx).apply(a, List.of(approx.op("Mul", ax, half(approx))), Map.of(),
            KnobValues.empty()).get(0);
        approx.addOutput(approx.op("Add", site, one(approx)));
        Map<String, Tensor> in = Map.of("x", FloatTensor.of(Shape.of(xs.length), xs));
        double[] want = ((FloatTensor) FloatInterpreter.run(exact, in).values().iterator().next()).data();
        double[] got = ((FloatTensor) FloatInterpreter.run(approx, in).values().iterator().next()).data();
        for (int i = 0; i < xs.length; i++) {
            // order-8 Taylor remainder on [-1, 1] is below e / 9! = 7.5e-6
            assertThat(got[i]).as("x = " + xs[i]).isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(approx.nodes()).allMatch(n -> Primitives.isPrimitive(n.opType()));
    }

    @Test
    void customApproximationIsCheckedLikeTheBuiltins() {
        AccuracyCheck low = AccuracyCheck.run(Approximations.get("exp.taylor"), KnobValues.of(Map.of("order", "2")));
        AccuracyCheck high = AccuracyCheck.run(Approximations.get("exp.taylor"), KnobValues.empty());
        assertThat(low.withinTolerance()).isFalse();
        assertThat(high.maxAbsError()).isLessThan(1e-5);
    }

    @Test
    void knobOutsideItsRangeIsAnErrorNamingIt() {
        assertThatThrownBy(() -> KnobValues.of(Map.of("order", "20")).complete(Approximations.get("exp.taylor")))
            .hasMessage("knob order = 20 outside [2, 12]");
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(3));
        assertThatThrownBy(() -> new Emitter(g).apply(Approximations.get("relu.ltz"), List.of(x), Map.of(),
            KnobValues.of(Map.of("bits", "4")))).hasMessage("knob bits = 4: use 0 (lowering decides) or 8..64");
    }

    private static Value half(Graph g) {
        return g.constant(FloatTensor.scalar(0.5));
    }

    private static Value one(Graph g) {
        return g.constant(FloatTensor.scalar(1));
    }
}
