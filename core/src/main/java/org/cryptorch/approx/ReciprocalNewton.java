package org.cryptorch.approx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * Newton-Raphson reciprocal {@code y <- 2y - x y^2} (two rounds per iteration), from CrypTen's exp-based initial
 * guess {@code 3 exp(1 - 2x) + 0.003}, the linear guess {@code 2.9142 - 2x} (for inputs in (0, 1.4]) or the constant
 * 0.75 (CrypTen's sigmoid, inputs near [1, 2]; its first step is then free of secret products). The signed
 * variant handles negative inputs through the sign; the positive variant skips that comparison (softmax sums).
 */
final class ReciprocalNewton extends BaseApproximation {
    private static final double CONSTANT_GUESS = 0.75;

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
            Knob.choice("init", "initial guess: exp = 3 exp(1 - 2x) + 0.003, linear = 2.9142 - 2x, const = 0.75",
                List.of("exp", "linear", "const"), "exp"),
            Knob.approximation("exp", "the exp inside the exp-based guess", "Exp", "exp.limit")));
        if (signed) {
            k.add(ComparisonBits.knob());
        }
        return k;
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        Range r = switch (knobs.choice("init")) {
            // the exp guess needs 1 - 2x within exp's range; the linear guess converges only for x < 1.457
            case "exp" -> new Range(1e-3, 100);
            case "linear" -> new Range(1e-2, 1.4);
            default -> constantGuessRange(knobs.integer("iterations"));
        };
        return signed ? Range.mirrored(r.lo(), r.hi()) : r;
    }

    /**
     * With y0 = 0.75 the relative error 1 - x y is e0 = 1 - 0.75 x, and e0^(2^T) after T steps; it stays below
     * 0.005 while |e0| <= 0.005^(1/2^T).
     */
    private static Range constantGuessRange(int iterations) {
        double e0 = Math.pow(0.005, Math.scalb(1.0, -iterations));
        return new Range(Math.ceil(100 * (1 - e0) / CONSTANT_GUESS) / 100,
            Math.floor(100 * (1 + e0) / CONSTANT_GUESS) / 100);
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        return List.of(signed ? SignedReciprocal.emit(e, x, ComparisonBits.of(knobs), a -> newton(e, a, knobs))
            : newton(e, x, knobs));
    }

    private static Value newton(Emitter e, Value x, KnobValues knobs) {
        Value y = switch (knobs.choice("init")) {
            case "exp" -> e.addConst(e.mulConst(e.nested("exp", knobs, e.addConst(e.mulConst(x, -2), 1)), 3), 0.003);
            case "linear" -> e.addConst(e.mulConst(x, -2), 2.9142);
            default -> e.constant(CONSTANT_GUESS);
        };
        for (int i = 0; i < knobs.integer("iterations"); i++) {
            y = e.sub(e.mulConst(y, 2), e.mul(e.square(y), x));
        }
        return y;
    }
}
