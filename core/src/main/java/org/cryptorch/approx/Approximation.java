package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * A replacement for one non-linear op by a small program of {@link Primitives}: the unit the tuner chooses per site.
 * Adding one takes this class and one {@link Approximations#register} call; the compiler, runtime and tuner find
 * it through the registry.
 */
public interface Approximation {
    /** Unique registry name, {@code op.variant} in lower case, e.g. {@code exp.limit}. */
    String name();

    /** The graph op type it replaces, e.g. {@code Exp}, {@code Softmax}, {@code LayerNormalization}. */
    String op();

    /** One line for listings: the method and where it comes from. */
    String description();

    /** Its knobs; may be empty. */
    List<Knob> knobs();

    /**
     * The input interval on which the approximation is documented (and tested) to meet its accuracy, for these knob
     * values. For ops over a whole tensor (softmax, layer norm) it bounds the elements of the input.
     */
    Range documentedRange(KnobValues knobs);

    /**
     * Whether it is lossy by design: a cheaper stand-in for the op (ReLU for GELU) whose error exceeds the accuracy
     * target however its knobs are set. The tuner offers such approximations only under a positive budget, because a
     * calibration set can miss what they lose (a classifier at 100 % calibration accuracy), and budget 0 promises
     * no loss.
     */
    default boolean lossy() {
        return false;
    }

    /**
     * Knobs the tuner should calibrate on the site's data (see {@link CalibratedKnob}) rather than leave at their
     * defaults; none by default.
     */
    default List<CalibratedKnob> calibratedKnobs() {
        return List.of();
    }

    /**
     * Emits primitives computing the op's outputs from {@code inputs} (the site's inputs, same order as the op) with
     * the site's {@code attributes} (e.g. axis, epsilon) and complete knob values, and returns the outputs. A site or
     * knob values it cannot take (an unsupported axis, a comparison width too narrow for its thresholds) it refuses
     * with an {@link IllegalArgumentException} naming why: the compiler reports that as a
     * {@link ConfigurationRejectedException}, and the tuner drops the candidate. Any other exception is taken for a
     * bug and fails compiling and tuning.
     */
    List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs);

    /**
     * A closed interval of reals; when {@code mirrored}, also its negative {@code [-hi, -lo]} (e.g. a signed
     * reciprocal, accurate for {@code lo <= |x| <= hi}).
     */
    record Range(double lo, double hi, boolean mirrored) {
        public Range {
            if (!(lo <= hi)) {
                throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
            }
        }

        public Range(double lo, double hi) {
            this(lo, hi, false);
        }

        public static Range mirrored(double lo, double hi) {
            return new Range(lo, hi, true);
        }

        @Override
        public String toString() {
            String r = "[" + format(lo) + ", " + format(hi) + "]";
            return mirrored ? "+-" + r : r;
        }

        private static String format(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e7 ? String.valueOf((long) v) : String.format("%.3g", v);
        }
    }
}
