package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * GELU as 0.5 x (1 + g(z)) with a nested approximation of g: the exact form with g = erf and z = x / sqrt 2, or
 * the tanh form with g = tanh and z = sqrt(2 / pi) (x + 0.044715 x^3), which differs from the exact GELU by at most
 * 4.7e-4. Either is used for both values of the op's {@code approximate} attribute. The nested function's absolute
 * error is multiplied by |x| / 2, so it needs to be tighter than GELU's own target.
 */
final class GeluByFormula extends BaseApproximation {
    private static final double TANH_SCALE = Math.sqrt(2 / Math.PI);
    private static final double TANH_CUBIC = 0.044715;

    private final Curve inner;

    private GeluByFormula(Curve inner) {
        super("gelu." + inner.prefix(), "Gelu", inner == Curve.ERF
            ? "0.5 x (1 + erf(x / sqrt 2)) with a nested erf"
            : "0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) with a nested tanh", List.of(nestedKnob(inner)));
        this.inner = inner;
    }

    /** The APPROXIMATION knob named after the inner function (erf or tanh) that chooses it. */
    private static Knob nestedKnob(Curve inner) {
        String knob = inner.prefix();
        return Knob.approximation(knob, "the nested " + knob, inner.op, knob + (inner == Curve.ERF ? ".polynomial"
            : ".piecewise"));
    }

    static GeluByFormula viaErf() {
        return new GeluByFormula(Curve.ERF);
    }

    static GeluByFormula viaTanh() {
        return new GeluByFormula(Curve.TANH);
    }

    /** Where the nested function is documented for z(x), at most {@link PiecewiseApproximation#RANGE}. */
    @Override
    public Range documentedRange(KnobValues knobs) {
        Range z = Approximations.nestedRange(knobs, inner.prefix());
        double lo = -PiecewiseApproximation.RANGE.hi();
        double hi = PiecewiseApproximation.RANGE.hi();
        // z(x) is increasing, so the range maps back by bisection
        return new Range(Math.max(lo, inverse(z.lo(), lo, hi)), Math.min(hi, inverse(z.hi(), lo, hi)));
    }

    private double argument(double x) {
        return inner == Curve.ERF ? x / Math.sqrt(2) : TANH_SCALE * (x + TANH_CUBIC * x * x * x);
    }

    private double inverse(double z, double lo, double hi) {
        double a = lo;
        double b = hi;
        for (int i = 0; i < 100; i++) {
            double mid = (a + b) / 2;
            if (argument(mid) < z) {
                a = mid;
            } else {
                b = mid;
            }
        }
        return (a + b) / 2;
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        Value z;
        if (inner == Curve.ERF) {
            z = e.mulConst(x, 1 / Math.sqrt(2));
        } else {
            Value cube = e.mul(e.square(x), x);
            z = e.mulConst(e.add(x, e.mulConst(cube, TANH_CUBIC)), TANH_SCALE);
        }
        Value halfX = e.mulConst(x, 0.5);
        return List.of(e.add(halfX, e.mul(halfX, e.nested(inner.prefix(), knobs, z))));
    }
}
