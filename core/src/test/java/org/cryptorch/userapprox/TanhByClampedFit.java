package org.cryptorch.userapprox;

import java.util.List;
import java.util.Map;
import org.cryptorch.approx.BaseApproximation;
import org.cryptorch.approx.ComparisonBits;
import org.cryptorch.approx.Emitter;
import org.cryptorch.approx.Fit;
import org.cryptorch.approx.Knob;
import org.cryptorch.approx.KnobValues;
import org.cryptorch.approx.LowDepth;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * A user's tanh, written outside the library's package with its public building blocks (the worked example of
 * docs/approximations.md): an odd least-squares polynomial in x / L on [-L, L] ({@link Fit}), evaluated at low
 * depth ({@link LowDepth#polynomial}), and +-1 beyond (where the polynomial's powers may wrap: its terms cancel
 * exactly), selected by ONE comparison of x against both thresholds whose
 * products fuse into it ({@link LowDepth#belowTimes}): tanh = 1 + [x < L] (p - 1) + [x < -L] (-1 - p).
 */
public final class TanhByClampedFit extends BaseApproximation {
    /** tanh(3) = 0.995: beyond it, 1 is within the library's 1 % relative tolerance. */
    private static final double LIMIT = 3;
    private static final Knob DEGREE = Knob.integer("degree", "odd degree of the fit on [-3, 3]", 3, 19, 15);

    public TanhByClampedFit() {
        super("tanh.user-clamped-fit", "Tanh", "odd fit on [-3, 3], +-1 beyond (a user's approximation)",
            List.of(DEGREE, ComparisonBits.KNOB));
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        // where the comparison width decides both thresholds correctly
        return LowDepth.decided(new Range(-64, 64), ComparisonBits.of(knobs), -LIMIT, LIMIT);
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        // in powers of u = x / L, within [-1, 1] on the fitted interval: powers of x itself would reach 3^15 and
        // their terms cancel badly in fixed point
        double[] c = Fit.leastSquares(Math::tanh, -LIMIT, LIMIT, LIMIT, Fit.oddUpTo(knobs.integer(DEGREE.name())));
        Value p = LowDepth.polynomial(e, e.mulConst(x, 1 / LIMIT), c);
        Value corrections = LowDepth.belowTimes(e, ComparisonBits.of(knobs), x, new double[] {LIMIT, -LIMIT},
            List.of(e.addConst(p, -1), e.addConst(e.neg(p), -1)));
        return List.of(e.addConst(corrections, 1));
    }
}
