package org.cryptorch.tune;

import java.util.List;
import org.cryptorch.approx.KnobValues;

/**
 * One configuration a site can take: an approximation with knob values, and the ops it lowers to (whose predicted
 * cost the search trades against accuracy).
 */
public record Candidate(String approximation, KnobValues knobs, List<CostedOp> ops) {
    public Candidate {
        ops = List.copyOf(ops);
    }

    /** {@code exp.limit{iterations=8}}: approximation and knobs, equal for equal configurations. */
    public String label() {
        return knobs.asMap().isEmpty() ? approximation : approximation + knobs;
    }
}
