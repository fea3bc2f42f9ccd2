package org.cryptorch.approx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * Newton-Raphson reciprocal {@code y <- 2y - x y^2} (two rounds per iteration), from CrypTen's exp-based initial
 * guess {@code 3 exp(1 - 2x) + 0.003} or the linear guess {@code 2.9142 - 2x} (for inputs in (0, 1.4]). The signed
 * variant handles negative inputs through the sign; the positive variant skips that comparison (softmax sums).
 */
final class ReciprocalNewton extends BaseApproximation {
    private final boolean signed;

    private ReciprocalNewton(String name, boolean signed, String description) {
        super(name, "Reciprocal", description, knobs(signed));
        this.signed = signed;
    }

    static ReciprocalNewton signed() {
        return new ReciprocalNewton("reciprocal.newton", true,
            "Newton-Raphson on |x| times sign(x), exp or linear initial guess (CrypTen)");
    }

    static ReciprocalNewton positive() {
        return new ReciprocalNewton("reciprocal.positive", false,
            "Newton-Raphson for x > 0 without the sign comparison (CrypTen's all-positive case)");
    }

    private static List<Knob> knobs(boolean signed) {
        List<Knob> k = new ArrayList<>(List.of(
            Knob.integer("iterations", "Newton steps (2 rounds each); below 10 is low precision", 1, 20, 10),
            Knob.choice("init", "initial guess: exp = 3 exp(1 - 2x) + 0.003, linear = 2.9142 - 2x",
                List.of("exp", "linear"), "exp"),
            Knob.approximation("exp", "the exp inside the exp-based guess", "Exp", "exp.limit")));
        if (signed) {
            k.add(ComparisonBits.KNOB);
        }
        return k;
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        // the exp guess needs 1 - 2x within exp's range; the linear guess converges only for x < 1.457
        double lo = knobs.choice("init").equals("exp") ? 1e-3 : 1e-2;
        double hi = knobs.choice("init").equals("exp") ? 100 : 1.4;
        return signed ? Range.mirrored(lo, hi) : new Range(lo, hi);
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        return List.of(signed ? SignedReciprocal.emit(e, x, ComparisonBits.of(knobs), a -> newton(e, a, knobs))
            : newton(e, x, knobs));
    }

    private static Value newton(Emitter e, Value x, KnobValues knobs) {
        Value y = knobs.choice("init").equals("exp")
            ? e.addConst(e.mulConst(e.nested("exp", knobs, e.addConst(e.mulConst(x, -2), 1)), 3), 0.003)
            : e.addConst(e.mulConst(x, -2), 2.9142);
        for (int i = 0; i < knobs.integer("iterations"); i++) {
            y = e.sub(e.mulConst(y, 2), e.mul(e.square(y), x));
        }
        return y;
    }
}
