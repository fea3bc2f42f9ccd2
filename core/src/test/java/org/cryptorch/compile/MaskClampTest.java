package org.cryptorch.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

/** The clamp-masks stage: mask constants beyond 2^(31-f) are clamped, -1e4 stays; such a weight is refused. */
class MaskClampTest {
    @Test
    void clampsHugeMaskConstantsToTheHeadroom() {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(4));
        FloatTensor mask = new FloatTensor(Shape.of(4), new double[] {0, -1e4, -1e9, Double.NEGATIVE_INFINITY});
        g.addOutput(g.op("Add", x, g.constant("mask", mask)));

        MaskClamp.apply(g, 16);

        FloatTensor clamped = (FloatTensor) g.nodes().get(0).input(1).constant();
        assertThat(clamped.data()).containsExactly(0, -1e4, -32768, -32768);
        assertThat(MaskClamp.bound(16)).isEqualTo(32768);
    }

    @Test
    void refusesAWeightBeyondTheRangeButNotAMaskSentinel() {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(2));
        g.addOutput(g.op("Mul", x, g.constant("w", new FloatTensor(Shape.of(2), new double[] {1, 40000}))));
        assertThatThrownBy(() -> MaskClamp.checkWeights(g, 16))
            .hasMessageContaining("weight 'w' element 1 is 40000.0, beyond +-32768");

        Graph masked = new Graph();
        Value y = masked.addInput("y", DType.FLOAT32, Shape.of(2));
        masked.addOutput(masked.op("Add", y, masked.constant("m", new FloatTensor(Shape.of(2),
            new double[] {0, -3.4e38}))));
        MaskClamp.checkWeights(masked, 16);
    }
}
