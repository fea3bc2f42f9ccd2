package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * GELU or SiLU as x / 2 plus its EVEN part h(x) = f(x) - x / 2 ((x / 2) erf(x / sqrt 2), (x / 2) tanh(x / 2)),
 * which tends to |x| / 2: inside [-L, L] h is a polynomial P of degree n in v = 2 (x / L)^2 - 1, beyond it |x| / 2.
 * So two range tests (x < -L, x < L) in one comparison replace the 2 * segments + 1 of a piecewise fit, and
 * f ~ x - (b_lo + b_hi) x / 2 + (b_hi - b_lo) P with both selecting products stacked into one. P is evaluated with
 * about n / 2 products ({@link LowDepth#polynomial}); v stays within [-1, 1] inside [-L, L], where the coefficients
 * in v are small, so fixed point loses little. P is multiplied by the exact indicator b_hi - b_lo, so its values far
 * outside [-L, L] (which overflow fixed point) are zeroed, never cancelled. Secret depth: the square, the
 * ceil(log2(n + 1)) levels of P (alongside the comparison), one selecting product. L is searched per degree
 * ({@link Fit#bestLimit}); P is a least-squares fit on Chebyshev nodes in v.
 *
 * <p>Knob {@code select = fused} writes f ~ x + b_hi (P - x/2) - b_lo (P + x/2) instead, so that the lowering fuses
 * both products into the comparison ({@link LowDepth#belowTimes}): the comparison waits for P but needs no product
 * round after it, and its products cost 8 instead of 16 bytes per element. Beyond -L both terms hold P, which
 * cancels exactly in the ring (the same shares) but only to about |P| 2^-52 in float, and |P| grows as |x|^(2n): the
 * documented range is cut where that would exceed 1e-5.
 *
 * <p>Knob {@code basis}: {@code power} evaluates P from powers of v ({@link LowDepth#polynomial}, about n / 2
 * products); {@code chebyshev} fits P as a Chebyshev series in v and evaluates it from T_0(v) .. T_n(v)
 * ({@link LowDepth#chebyshevBasis}, n - 1 products, same depth). Every T_k(v) and coefficient stays within [-1, 1]
 * and about 4 inside [-L, L], while the power coefficients grow with the degree (SiLU: 3.4 at degree 12, 160 at
 * 20), and each coefficient times its term's truncation error adds to the result: high degrees (a larger L, so a
 * smaller tail error L e^-L) are accurate in fixed point only in the Chebyshev basis.
 */
final class EvenPartApproximation extends BaseApproximation {
    private static final String SELECT = "select";
    private static final String INDICATOR = "indicator";
    private static final String FUSED = "fused";
    private static final String BASIS = "basis";
    private static final String POWER = "power";
    private static final String CHEBYSHEV = "chebyshev";
    private static final int MAX_DEGREE = 24;
    /**
     * The largest |P| the fused form may cancel: in float (where the documented range is checked) cancelling costs
     * about |P| 2^-52, to be kept below 1e-5 (1% of the absolute tolerance).
     */
    private static final double FLOAT_CANCELLATION_BOUND = 1e-5 * Math.scalb(1.0, 52);

    private final Curve curve;
    /** Fits by degree and basis. */
    private final Map<List<Object>, EvenPartFit> fits = new ConcurrentHashMap<>();

    EvenPartApproximation(Curve curve, int defaultDegree) {
        super(curve.prefix() + ".even", curve.op,
            "x/2 + even polynomial in (x/L)^2 inside [-L, L], |x|/2 beyond: one comparison of two thresholds",
            List.of(Knob.integer("degree", "degree of the polynomial in (x/L)^2 (twice that in x)", 1,
                MAX_DEGREE, defaultDegree), Knob.choice(SELECT, "indicator: (b_hi - b_lo) P, one product after P; fused: "
                    + "b_hi (P - x/2) - b_lo (P + x/2) inside the comparison (ltz_times), one round and 16 B/elem "
                    + "fewer, but P cancels: exact in fixed point, not in float beyond the documented range",
                    List.of(INDICATOR, FUSED), INDICATOR), Knob.choice(BASIS, "power: P from powers of v, about "
                    + "degree/2 products; chebyshev: P from T_k(v), degree - 1 products, accurate in fixed point at "
                    + "high degrees", List.of(POWER, CHEBYSHEV), POWER), ComparisonBits.KNOB));
        if (curve.leftAsymptote.length != 1 || curve.leftAsymptote[0] != 0 || curve.rightAsymptote.length != 2
            || curve.rightAsymptote[0] != 0 || curve.rightAsymptote[1] != 1) {
            throw new IllegalArgumentException(curve.op + " does not tend to 0 and x, so f(x) - x/2 does not tend to "
                + "|x|/2");
        }
        this.curve = curve;
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        EvenPartFit fit = fit(knobs);
        Range r = LowDepth.decided(PiecewiseApproximation.RANGE, ComparisonBits.of(knobs), -fit.limit(), fit.limit());
        if (!knobs.choice(SELECT).equals(FUSED)) {
            return r;
        }
        double cancelled = fit.limit();
        while (cancelled < r.hi() && Math.abs(fit.polynomialAt(cancelled + 1)) < FLOAT_CANCELLATION_BOUND) {
            cancelled++;
        }
        return new Range(Math.max(r.lo(), -cancelled), Math.min(r.hi(), cancelled));
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        EvenPartFit fit = fit(knobs);
        Value x = inputs.get(0);
        Value u = e.mulConst(x, 1 / fit.limit());
        Value v = e.addConst(e.mulConst(e.square(u), 2), -1);
        Value p = fit.chebyshev() ? LowDepth.combine(e, LowDepth.chebyshevBasis(e, v, fit.coefficients().length - 1),
            fit.coefficients()) : LowDepth.polynomial(e, v, fit.coefficients());
        double[] thresholds = {-fit.limit(), fit.limit()};
        Value halfX = e.mulConst(x, 0.5);
        // on the documented range (fixed point is exact on all of it, fused or not) x -+ L stays within this
        double bound = PiecewiseApproximation.RANGE.hi() + fit.limit();
        if (knobs.choice(SELECT).equals(FUSED)) {
            return List.of(e.add(x, e.boundingComparisons(bound, () -> LowDepth.belowTimes(e, ComparisonBits.of(knobs),
                x, thresholds, List.of(e.neg(e.add(halfX, p)), e.sub(p, halfX))))));
        }
        List<Value> below = e.boundingComparisons(bound, () -> LowDepth.below(e, ComparisonBits.of(knobs), x,
            thresholds));
        Value outside = e.add(below.get(0), below.get(1));
        Value inside = e.sub(below.get(1), below.get(0));
        Value selected = LowDepth.sumOfProducts(e, List.of(outside, inside), List.of(e.neg(halfX), p));
        return List.of(e.add(x, selected));
    }

    /** The fit for these knobs (cached: the limit search runs once per degree and basis). */
    EvenPartFit fit(KnobValues knobs) {
        int degree = knobs.integer("degree");
        boolean chebyshev = knobs.choice(BASIS).equals(CHEBYSHEV);
        return fits.computeIfAbsent(List.of(degree, chebyshev), key -> Fit.bestLimit(limit -> fitWithLimit(degree,
            chebyshev, limit), curve::at));
    }

    private EvenPartFit fitWithLimit(int degree, boolean chebyshev, double limit) {
        DoubleUnaryOperator evenPart = v -> {
            double x = limit * Math.sqrt((v + 1) / 2);
            return curve.at(x) - x / 2;
        };
        return new EvenPartFit(limit, chebyshev, chebyshev ? Fit.chebyshevSeries(evenPart, 1, degree)
            : Fit.leastSquares(evenPart, -1, 1, 1, Fit.allUpTo(degree)));
    }

    /**
     * P's coefficients in v = 2 (x / limit)^2 - 1, of its powers or of T_k(v); as a function, the approximation in
     * float.
     */
    record EvenPartFit(double limit, boolean chebyshev, double[] coefficients) implements DoubleUnaryOperator {
        @Override
        public double applyAsDouble(double x) {
            return x < -limit || x >= limit ? Math.max(x, 0) : x / 2 + polynomialAt(x);
        }

        /** P(v(x)), also outside [-limit, limit]. */
        double polynomialAt(double x) {
            double v = 2 * (x / limit) * (x / limit) - 1;
            if (chebyshev) {
                double p = coefficients[0];
                double previous = 1;
                double current = v;
                for (int k = 1; k < coefficients.length; k++) {
                    p += coefficients[k] * current;
                    double next = 2 * v * current - previous;
                    previous = current;
                    current = next;
                }
                return p;
            }
            double p = 0;
            for (int k = coefficients.length - 1; k >= 0; k--) {
                p = p * v + coefficients[k];
            }
            return p;
        }
    }
}
