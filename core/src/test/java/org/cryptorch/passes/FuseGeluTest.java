package org.cryptorch.passes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cryptorch.passes.TestGraphs.scalar;

import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.junit.jupiter.api.Test;

class FuseGeluTest {
    private static final float SQRT2_F32 = (float) Math.sqrt(2);

    /** Runs the pass with clean-up and returns the graph's only Gelu node (asserting everything else is gone). */
    private static Node fusedGelu(Graph g, Value x) {
        assertThat(new FuseGelu().run(g)).isTrue();
        g.sortTopologically();
        g.removeDeadNodes();
        assertThat(GraphStats.opCounts(g)).containsOnlyKeys("Gelu");
        Node gelu = TestGraphs.only(g, "Gelu");
        assertThat(gelu.inputs()).containsExactly(x);
        assertThat(g.outputs().get(0)).isSameAs(gelu.output(0));
        return gelu;
    }

    @Test
    void fusesTheErfFormPyTorchExports() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 2, 3);
        Value erf = g.op("Erf", g.op("Div", x, scalar(g, SQRT2_F32)));
        Value y = g.op("Mul", g.op("Mul", x, g.op("Add", erf, scalar(g, 1))), scalar(g, 0.5));
        g.addOutput(y);
        assertThat(fusedGelu(g, x).stringAttr("approximate", "")).isEqualTo("none");
    }

    @Test
    void fusesTheErfFormWithSwappedOperandsAndHalfFirst() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 4);
        Value erf = g.op("Erf", g.op("Mul", scalar(g, 1 / Math.sqrt(2)), x));
        Value y = g.op("Mul", g.op("Mul", x, scalar(g, 0.5)), g.op("Add", scalar(g, 1), erf));
        g.addOutput(y);
        assertThat(fusedGelu(g, x).stringAttr("approximate", "")).isEqualTo("none");
    }

    @Test
    void fusesTheTanhFormPyTorchExports() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 4);
        Value cube = g.op("Mul", x, g.op("Mul", x, x));
        Value inner = g.op("Mul", scalar(g, 0.7978845608), g.op("Add", x, g.op("Mul", scalar(g, 0.044715), cube)));
        Value y = g.op("Mul", scalar(g, 0.5), g.op("Mul", x, g.op("Add", scalar(g, 1), g.op("Tanh", inner))));
        g.addOutput(y);
        assertThat(fusedGelu(g, x).stringAttr("approximate", "")).isEqualTo("tanh");
    }

    @Test
    void fusesTheTanhFormWithPowAndTheSigmoidForm() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 4);
        Value poly = g.op("Add", g.op("Mul", g.op("Pow", x, scalar(g, 3)), scalar(g, 0.044715)), x);
        Value y = g.op("Mul", x, g.op("Sigmoid", g.op("Mul", poly, scalar(g, 1.5957691216057308))));
        g.addOutput(y);
        assertThat(fusedGelu(g, x).stringAttr("approximate", "")).isEqualTo("tanh");
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
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 4);
        Value erf = g.op("Erf", g.op("Div", x, scalar(g, SQRT2_F32)));
        g.addOutput(g.op("Mul", g.op("Mul", x, g.op("Add", erf, scalar(g, 1))), scalar(g, 0.5)));
        g.addOutput(erf);
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
