package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * erf as one odd polynomial on [-L, L] fitted by least squares, and +-1 outside (the tests x < -L and x < L are one
 * comparison, evaluated alongside the powers). An even degree knob value uses the odd degree below it; L is searched
 * per degree at first use ({@link Fit#bestLimit}). SPU clamps erf the same way (at 3, with A&S 7.1.27 inside).
 */
final class ErfPolynomial extends BaseApproximation {
    private final Map<Integer, PiecewisePolynomial> fits = new ConcurrentHashMap<>();

    ErfPolynomial() {
        super("erf.polynomial", "Erf", "odd least-squares polynomial on [-L, L], +-1 outside, one fused comparison",
            List.of(Knob.integer("degree", "degree of the odd polynomial (even values use the odd one below)", 1, 15,
                13), ComparisonBits.KNOB));
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        return LowDepth.decided(PiecewiseApproximation.RANGE, ComparisonBits.of(knobs),
            polynomial(knobs.integer("degree")).breakpoints());
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        return List.of(polynomial(knobs.integer("degree")).emit(e, inputs.get(0), ComparisonBits.of(knobs)));
    }

    private PiecewisePolynomial polynomial(int degree) {
        return fits.computeIfAbsent(degree, d -> Fit.bestLimit(limit -> PiecewisePolynomial.fit(Curve.ERF::at,
            new double[] {-limit, limit}, Fit.oddUpTo(d), Curve.ERF.leftAsymptote, Curve.ERF.rightAsymptote),
            Curve.ERF::at));
    }
}
