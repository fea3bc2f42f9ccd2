package org.cryptorch.approx;

import java.util.function.DoubleUnaryOperator;
import org.cryptorch.ir.Value;

/**
 * A truncated Chebyshev series of {@code f} on an interval {@code [lo, hi]} other than [-1, 1]: the input is mapped
 * to {@code t = (2x - lo - hi) / (hi - lo)} locally, and the series is evaluated in the Chebyshev basis of
 * {@link LowDepth} (depth ceil(log2 degree), every basis value within [-1, 1], which fixed point needs).
 */
final class ChebyshevFit {
    private ChebyshevFit() {
    }

    static Value emit(Emitter e, Value x, DoubleUnaryOperator f, double lo, double hi, int degree) {
        double[] c = Fit.chebyshevSeries(t -> f.applyAsDouble(((hi - lo) * t + hi + lo) / 2), 1, degree);
        Value t = e.addConst(e.mulConst(x, 2 / (hi - lo)), -(hi + lo) / (hi - lo));
        return LowDepth.combine(e, LowDepth.chebyshevBasis(e, t, degree), c);
    }
}
