package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * ONNX Max / Min of tensors (element-wise, broadcasting): a balanced tree of pairwise maxima ({@link TreeMax}, one
 * comparison and one product per level, ceil(log2 n) levels); Min as -Max of the negated inputs.
 */
final class ExtremumComparison extends DifferenceComparison {
    private final boolean max;

    ExtremumComparison(boolean max) {
        super((max ? "max" : "min") + ".elementwise", max ? "Max" : "Min",
            "exact: one comparison of the difference and one product per pair, balanced tree over the inputs");
        this.max = max;
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(op() + " needs at least one input");
        }
        int bits = ComparisonBits.of(knobs);
        if (max) {
            return List.of(TreeMax.ofAll(e, inputs, bits));
        }
        // min(x_i) = -max(-x_i): the negations are local
        return List.of(e.neg(TreeMax.ofAll(e, inputs.stream().map(e::neg).toList(), bits)));
    }
}
