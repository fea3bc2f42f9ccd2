package org.cryptorch.approx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.assertj.core.data.Offset;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LowDepthTest {
    /**
     * {@link LowDepth#polynomial} against Horner's rule in float, with its depth ceil(log2(degree + 1)) (or less)
     * and its number of secret products.
     */
    @ParameterizedTest(name = "degree {0}")
    @CsvSource({"1, 0, 0", "2, 1, 1", "3, 2, 2", "4, 3, 3", "6, 3, 3", "7, 3, 4", "8, 3, 5", "12, 4, 7",
        "15, 4, 7"})
    void polynomialMatchesHornerWithLowDepthAndFewProducts(int degree, int depth, int products) {
        Random random = new Random(degree);
        double[] c = new double[degree + 1];
        for (int k = 0; k <= degree; k++) {
            c[k] = random.nextGaussian();
        }
        Graph g = new Graph();
        g.setOpset("", 17);
        Value v = g.addInput("x0", DType.FLOAT64, null);
        g.addOutput(LowDepth.polynomial(new Emitter(g), v, c));
        double[] x = new double[41];
        for (int i = 0; i < x.length; i++) {
            x[i] = -1.2 + 2.4 * i / (x.length - 1);
        }
        double[] got = ApproximationProbe.evaluate(g, x);
        for (int i = 0; i < x.length; i++) {
            double horner = 0;
            for (int k = degree; k >= 0; k--) {
                horner = horner * x[i] + c[k];
            }
            assertThat(got[i]).as("x = " + x[i]).isCloseTo(horner, Offset.offset(1e-9));
        }
        assertThat(ApproximationProbe.secretDepth(g)).isEqualTo(depth);
        assertThat(g.nodes().stream().filter(n -> n.opType().equals("Mul") && n.input(0) != null
            && !n.input(0).isConstant() && !n.input(1).isConstant())).hasSize(products);
    }
}
