package org.cryptorch.approx;

import java.util.Map;

/**
 * A knob whose good value depends on the data at the site, declared by its approximation so that the tuner measures
 * it on the calibration samples rather than searching its whole range: at each site, the tuner offers the knob at
 * rounded-up quantiles of {@code statistic} of the site's calibration inputs, together with the {@code enabling}
 * knob values under which the knob takes effect. Example: softmax's public {@code offset} (subtracted instead of the
 * row maximum when {@code shift = offset}) at quantiles of the rows' maxima.
 *
 * @param knob      one of the approximation's integer knobs (checked when the approximation is registered)
 * @param statistic what is measured at the site
 * @param enabling  other knob values that make {@code knob} take effect; may be empty
 */
public record CalibratedKnob(Knob knob, Statistic statistic, Map<String, String> enabling) {
    public CalibratedKnob {
        if (knob.kind() != Knob.Kind.INTEGER) {
            throw new IllegalArgumentException("calibrated knob " + knob.name() + " must be an integer knob");
        }
        enabling = Map.copyOf(enabling);
    }

    /** What the tuner measures of a site's inputs on the calibration samples. */
    public enum Statistic {
        /** The maxima of the site's first input along its last axis (one per row of a softmax). */
        ROW_MAXIMA
    }

    /** {@code base} with the enabling values and this knob at {@code value}. */
    public KnobValues apply(KnobValues base, int value) {
        KnobValues out = base;
        for (Map.Entry<String, String> e : enabling.entrySet()) {
            out = out.with(e.getKey(), e.getValue());
        }
        return out.with(knob.name(), String.valueOf(value));
    }

    /**
     * Checks that {@code a} has this knob and the enabling knobs with those values, so that renaming a knob without
     * its declaration fails at registration instead of silently turning the calibration off.
     */
    void checkAgainst(Approximation a) {
        if (!a.knobs().contains(knob)) {
            throw new IllegalArgumentException(a.name() + " declares calibrated knob " + knob.name()
                + " that is not among its knobs " + a.knobs().stream().map(Knob::name).toList());
        }
        apply(KnobValues.empty(), Integer.parseInt(knob.defaultValue())).complete(a);
    }
}
