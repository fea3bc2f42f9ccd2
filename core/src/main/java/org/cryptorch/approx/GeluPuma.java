package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * PUMA's GELU (puma_benchmarks, bench_bert.py): 0 below -4, a cubic on [-4, -1.95), a degree-6 polynomial on
 * [-1.95, 3], x above 3. PUMA's breakpoints; the two polynomials are our own least-squares fits on those intervals
 * (PUMA's coefficients are not copied). Low precision: a degree-6 fit on [-1.95, 3] is off by up to 8.6e-3 (near
 * x = 1.1); PUMA's published coefficients reach 2e-2 at the jump at 3.
 */
final class GeluPuma extends BaseApproximation {
    private static final PiecewisePolynomial PUMA = new PiecewisePolynomial(4, new double[] {-4, -1.95, 3},
        new double[][] {{0}, fit(-4, -1.95, 3), fit(-1.95, 3, 6), {0, 4}});

    private static double[] fit(double lo, double hi, int degree) {
        return Fit.leastSquares(Curve.GELU::at, lo, hi, 4, Fit.allUpTo(degree));
    }

    GeluPuma() {
        super("gelu.puma", "Gelu",
            "PUMA's four pieces (0 | cubic | degree 6 | x at -4, -1.95, 3), refitted; low precision (9e-3)",
            List.of(ComparisonBits.KNOB));
    }

    @Override
    public boolean lossy() {
        return true;
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        return LowDepth.decided(PiecewiseApproximation.RANGE, ComparisonBits.of(knobs), PUMA.breakpoints());
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        return List.of(PUMA.emit(e, inputs.get(0), ComparisonBits.of(knobs)));
    }
}
