package org.cryptorch.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cryptorch.approx.Primitives;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.mpc.LessThanZero;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

/** The lower stage: scales, truncations, secret weights and comparison widths. */
class LoweringTest {
    @Test
    void truncatesAProductOfRealsBackToTheFractionalBits() {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(3));
        g.addOutput(g.op("Mul", x, x));
        GraphCleanup.pruneAndInfer(g, Map.of());

        Code code = new Lowering(g, CompileOptions.defaults(), Weights.of(g)).lower();

        assertThat(code.instructions()).extracting(Instruction::op)
            .containsExactly("input", "square", "trunc", "output");
        assertThat(code.scales()).containsExactly(16, 32, 16);
        assertThat(code.setup()).isEmpty();
    }

    @Test
    void sharesWeightsAtSetupAndSizesComparisonsFromTheirCalibratedRange() {
        Graph canonical = StageGraphs.reluLayer();
        Graph g = StageGraphs.approximated(canonical);
        Node ltz = g.nodes().stream().filter(n -> n.opType().equals(Primitives.LTZ)).findFirst().orElseThrow();
        ltz.setAttribute(Attribute.of(ComparisonWidths.CALIBRATED_RANGE, 2.0));

        Code code = new Lowering(g, CompileOptions.defaults(), Weights.of(canonical)).lower();

        assertThat(code.setup()).extracting(Instruction.Weight::name).containsExactly("W");
        assertThat(code.comparisonWidths()).containsExactly(Map.entry(ltz.name(), ComparisonWidths.bits(2.0, 16)));
        assertThat(code.instructions()).filteredOn(i -> i instanceof Instruction.Call c
            && c.protocol() instanceof LessThanZero).extracting(i -> ((LessThanZero) ((Instruction.Call) i).protocol())
            .bits()).containsExactly(19);
    }
}
