package org.cryptorch.passes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cryptorch.passes.TestGraphs.scalar;

import java.util.function.Supplier;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.GraphPrinter;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.junit.jupiter.api.Test;

class FuseGeluTest {
    private static final float SQRT2_F32 = (float) Math.sqrt(2);

    /** torch 1.13 export of F.gelu: Mul(Mul(x, Add(Erf(Div(x, sqrt 2)), 1)), 0.5). */
    private static Graph erfAsPyTorchExports() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 2, 3);
        Value erf = g.op("Erf", g.op("Div", x, scalar(g, SQRT2_F32)));
        g.addOutput(g.op("Mul", g.op("Mul", x, g.op("Add", erf, scalar(g, 1))), scalar(g, 0.5)));
        return g;
    }

    /** The Hugging Face spelling: (x * 0.5) * (1 + erf(x * (1/sqrt 2))). */
    private static Graph erfHalfFirst() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 4);
        Value erf = g.op("Erf", g.op("Mul", scalar(g, 1 / Math.sqrt(2)), x));
        g.addOutput(g.op("Mul", g.op("Mul", x, scalar(g, 0.5)), g.op("Add", scalar(g, 1), erf)));
        return g;
    }

    /** torch 1.13 export of F.gelu(approximate="tanh"). */
    private static Graph tanhAsPyTorchExports() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 4);
        Value cube = g.op("Mul", x, g.op("Mul", x, x));
        Value inner = g.op("Mul", scalar(g, 0.7978845608), g.op("Add", x, g.op("Mul", scalar(g, 0.044715), cube)));
        g.addOutput(g.op("Mul", scalar(g, 0.5), g.op("Mul", x, g.op("Add", scalar(g, 1), g.op("Tanh", inner)))));
        return g;
    }

    /** The sigmoid spelling of the tanh GELU, with Pow for the cube (the bench models' "sigmoid" variant). */
    private static Graph sigmoidWithPow() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 4);
        Value poly = g.op("Add", g.op("Mul", g.op("Pow", x, scalar(g, 3)), scalar(g, 0.044715)), x);
        g.addOutput(g.op("Mul", x, g.op("Sigmoid", g.op("Mul", poly, scalar(g, 1.5957691216057308)))));
        return g;
    }

    /** Runs the pass with clean-up and returns the graph's only node, a Gelu reading the graph input. */
    private static String fusedApproximation(Supplier<Graph> build) {
        Graph g = build.get();
        assertThat(new FuseGelu().run(g)).isTrue();
        g.sortTopologically();
        g.removeDeadNodes();
        assertThat(GraphPrinter.opCounts(g)).containsOnlyKeys("Gelu");
        Node gelu = TestGraphs.only(g, "Gelu");
        assertThat(gelu.inputs()).containsExactly(g.inputs().get(0));
        assertThat(g.outputs().get(0)).isSameAs(gelu.output(0));
        TestGraphs.assertPassPreservesOutputs(build, new FuseGelu(), 1e-6);
        return gelu.stringAttr("approximate", "");
    }

    @Test
    void fusesTheErfForms() {
        assertThat(fusedApproximation(FuseGeluTest::erfAsPyTorchExports)).isEqualTo("none");
        assertThat(fusedApproximation(FuseGeluTest::erfHalfFirst)).isEqualTo("none");
    }

    @Test
    void fusesTheTanhForms() {
        assertThat(fusedApproximation(FuseGeluTest::tanhAsPyTorchExports)).isEqualTo("tanh");
        assertThat(fusedApproximation(FuseGeluTest::sigmoidWithPow)).isEqualTo("tanh");
    }

    @Test
    void leavesWrongConstantsAlone() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 4);
        Value erf = g.op("Erf", g.op("Div", x, scalar(g, 1.5)));
        g.addOutput(g.op("Mul", g.op("Mul", x, g.op("Add", erf, scalar(g, 1))), scalar(g, 0.5)));
        assertThat(new FuseGelu().run(g)).isFalse();
    }

    @Test
    void leavesPatternsWhoseIntermediatesHaveOtherUsers() {
        Graph g = erfAsPyTorchExports();
        Node erf = TestGraphs.only(g, "Erf");
        g.addOutput(erf.output(0));
        assertThat(new FuseGelu().run(g)).isFalse();
    }

    @Test
    void leavesATanhFormOverADifferentValue() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 4);
        Value z = TestGraphs.input(g, "z", 4);
        Value cube = g.op("Mul", z, g.op("Mul", z, z));
        Value inner = g.op("Mul", scalar(g, 0.7978845608), g.op("Add", z, g.op("Mul", scalar(g, 0.044715), cube)));
        g.addOutput(g.op("Mul", scalar(g, 0.5), g.op("Mul", x, g.op("Add", scalar(g, 1), g.op("Tanh", inner)))));
        assertThat(new FuseGelu().run(g)).isFalse();
    }
}
