package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * Sigmoid, tanh, GELU or SiLU as a piecewise polynomial (BOLT / BumbleBee / CrypTorch style): the curve's left
 * asymptote below -L, its right asymptote from L on, and in between {@code 2 * segments} equal pieces of degree
 * {@code order}, each fitted by least squares. Order 0 is the step between the two asymptotes at 0 (ReLU for GELU
 * and SiLU; low precision, max error 0.5 for sigmoid). The limit L is not a table entry: for each (order, segments)
 * it is searched at first use ({@link Fit#bestLimit}). All 2 * segments + 1 range tests are one comparison, and the
 * powers of x / L are computed alongside it (depth max(Ltz, ceil(log2 order)) + 1). Order 2 is low precision
 * (about 1e-2); at the defaults the error stays within max(1e-3, 1e-2 |f|).
 */
final class PiecewiseApproximation extends BaseApproximation {
    /** Fixed-point headroom: powers of x / L up to degree 6 stay far below 2^47 on this interval. */
    static final Range RANGE = new Range(-64, 64);

    private final Curve curve;
    private final Map<List<Integer>, PiecewisePolynomial> fits = new ConcurrentHashMap<>();

    PiecewiseApproximation(Curve curve, List<String> orders, String defaultOrder, int defaultSegments) {
        super(curve.prefix() + ".piecewise", curve.op,
            "piecewise polynomial between the asymptotes, pieces fitted by least squares, one fused comparison",
            List.of(Knob.choice("order", "degree of each piece (0: step between the asymptotes)", orders,
                    defaultOrder),
                Knob.integer("segments", "pieces on each side of 0 inside [-L, L]", 1, 4, defaultSegments),
                ComparisonBits.KNOB));
        this.curve = curve;
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        return LowDepth.decided(RANGE, ComparisonBits.of(knobs), polynomial(knobs).breakpoints());
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        return List.of(polynomial(knobs).emit(e, inputs.get(0), ComparisonBits.of(knobs)));
    }

    /** The fitted function for these knobs (cached: the limit search runs once per setting). */
    PiecewisePolynomial polynomial(KnobValues knobs) {
        int order = Integer.parseInt(knobs.choice("order"));
        int segments = knobs.integer("segments");
        return fits.computeIfAbsent(List.of(order, segments), k -> bestFit(order, segments));
    }

    private PiecewisePolynomial bestFit(int order, int segments) {
        if (order == 0) {
            return PiecewisePolynomial.fit(curve::at, new double[] {0}, new int[0], curve.leftAsymptote,
                curve.rightAsymptote);
        }
        return Fit.bestLimit(limit -> fitWithLimit(order, segments, limit), curve::at);
    }

    private PiecewisePolynomial fitWithLimit(int order, int segments, double limit) {
        double[] breakpoints = new double[2 * segments + 1];
        for (int i = 0; i < breakpoints.length; i++) {
            breakpoints[i] = limit * (i - segments) / segments;
        }
        return PiecewisePolynomial.fit(curve::at, breakpoints, Fit.allUpTo(order), curve.leftAsymptote,
            curve.rightAsymptote);
    }
}
