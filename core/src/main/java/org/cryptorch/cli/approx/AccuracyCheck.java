package org.cryptorch.cli.approx;

import org.cryptorch.approx.Approximation;
import org.cryptorch.approx.KnobValues;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;

/**
 * An approximation's error against the exact op in float (FloatInterpreter on both graphs) over its documented
 * range, held to SPU's tolerance {@code |approx - exact| <= 1e-3 + 1e-2 |exact|}.
 *
 * @param maxAbsError    the largest absolute error
 * @param worstRatio     the largest error divided by its allowed error (at most 1 within tolerance)
 * @param worstInput     the input element where {@code worstRatio} occurs (element-wise ops) or its flat index
 */
public record AccuracyCheck(double maxAbsError, double worstRatio, double worstInput) {
    public static final double ABS_TOLERANCE = 1e-3;
    public static final double REL_TOLERANCE = 1e-2;

    public static AccuracyCheck run(Approximation a, KnobValues knobs) {
        KnobValues complete = knobs.complete(a);
        SampleSite site = SampleSite.of(a.op(), a.documentedRange(complete));
        double[] exact = output(FloatInterpreter.run(site.exactGraph(), site.feed()).values().iterator().next());
        double[] approx = output(FloatInterpreter.run(site.approximatedGraph(a, complete), site.feed()).values()
            .iterator().next());
        if (exact.length != approx.length) {
            throw new IllegalStateException(a.name() + " produced " + approx.length + " elements, expected "
                + exact.length);
        }
        double maxAbs = 0;
        double worst = 0;
        int worstAt = 0;
        for (int i = 0; i < exact.length; i++) {
            double err = Math.abs(approx[i] - exact[i]);
            if (Double.isNaN(err)) {
                err = Double.POSITIVE_INFINITY;
            }
            maxAbs = Math.max(maxAbs, err);
            double ratio = err / (ABS_TOLERANCE + REL_TOLERANCE * Math.abs(exact[i]));
            if (ratio > worst) {
                worst = ratio;
                worstAt = i;
            }
        }
        boolean elementwise = site.x().size() == exact.length;
        return new AccuracyCheck(maxAbs, worst, elementwise ? site.x().data()[worstAt] : worstAt);
    }

    public boolean withinTolerance() {
        return worstRatio <= 1;
    }

    private static double[] output(Tensor t) {
        if (t instanceof FloatTensor f) {
            return f.data();
        }
        throw new IllegalStateException("expected a float output, got " + t.dtype());
    }
}
