package org.cryptorch.approx;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * Ops that are exactly piecewise polynomial with public breakpoints from their attributes (LeakyRelu, HardSigmoid,
 * HardSwish, Abs): emitted as a {@link PiecewisePolynomial}, so all their tests are one comparison. Not
 * approximations in the numerical sense; they exist so that these ops lower to primitives.
 */
final class ExactComparison extends DifferenceComparison {
    private final Function<Map<String, Attribute>, PiecewisePolynomial> shape;

    private ExactComparison(String op, String description,
                            Function<Map<String, Attribute>, PiecewisePolynomial> shape) {
        super(op.toLowerCase(Locale.ROOT) + ".comparison", op, description);
        this.shape = shape;
    }

    /** alpha x below 0, x from 0 on (ONNX default alpha 0.01). */
    static ExactComparison leakyRelu() {
        return new ExactComparison("LeakyRelu", "exact: one comparison with 0, one product", a -> {
            double alpha = attribute(a, "alpha", 0.01);
            return new PiecewisePolynomial(1, new double[] {0}, new double[][] {{0, alpha}, {0, 1}});
        });
    }

    /** max(0, min(1, alpha x + beta)) (ONNX defaults alpha 0.2, beta 0.5). */
    static ExactComparison hardSigmoid() {
        return new ExactComparison("HardSigmoid", "exact: both corners in one comparison, two products", a -> {
            double alpha = attribute(a, "alpha", 0.2);
            double beta = attribute(a, "beta", 0.5);
            return new PiecewisePolynomial(1, new double[] {-beta / alpha, (1 - beta) / alpha},
                new double[][] {{0}, {beta, alpha}, {1}});
        });
    }

    /** x * HardSigmoid(x) with alpha 1/6, beta 1/2: 0 below -3, x^2 / 6 + x / 2 on [-3, 3), x from 3 on. */
    static ExactComparison hardSwish() {
        return new ExactComparison("HardSwish", "exact: both corners in one comparison, x^2 alongside", a ->
            new PiecewisePolynomial(1, new double[] {-3, 3}, new double[][] {{0}, {0, 0.5, 1.0 / 6}, {0, 1}}));
    }

    /** -x below 0, x from 0 on. */
    static ExactComparison abs() {
        return new ExactComparison("Abs", "exact: one comparison with 0, one product", a ->
            new PiecewisePolynomial(1, new double[] {0}, new double[][] {{0, -1}, {0, 1}}));
    }

    private static double attribute(Map<String, Attribute> attributes, String name, double otherwise) {
        Attribute a = attributes.get(name);
        return a == null ? otherwise : a.asFloat();
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        return List.of(shape.apply(attributes).emit(e, inputs.get(0), ComparisonBits.of(knobs)));
    }
}
