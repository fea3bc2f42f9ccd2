package org.cryptorch.approx;

/**
 * An approximation (registry name) with knob values: what a profile picks for an op, what a plan gives a site, and
 * a candidate the tuner weighs. Knobs not named keep the approximation's defaults.
 */
public record Choice(String approximation, KnobValues knobs) {
}
