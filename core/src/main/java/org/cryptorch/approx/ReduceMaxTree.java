package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.Tensor;

/**
 * ReduceMax by a comparison tree along each reduced axis (axes from the attribute, or the constant second input
 * from opset 18; all axes when absent), honouring keepdims.
 */
final class ReduceMaxTree extends DifferenceComparison {
    ReduceMaxTree() {
        super("reducemax.tree", "ReduceMax", "pairwise maxima in ceil(log2 n) levels per axis (comparison + select)");
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        int[] dims = e.dims(x);
        long[] axes = axes(inputs, attributes, dims.length);
        Value max = x;
        for (long axis : axes) {
            max = TreeMax.alongAxis(e, max, (int) axis, dims[(int) axis], ComparisonBits.of(knobs));
        }
        Attribute keep = attributes.get("keepdims");
        return List.of(keep != null && keep.asInt() == 0 ? e.squeeze(max, axes) : max);
    }

    private static long[] axes(List<Value> inputs, Map<String, Attribute> attributes, int rank) {
        long[] given = null;
        if (attributes.containsKey("axes")) {
            given = attributes.get("axes").asInts();
        } else if (inputs.size() > 1 && inputs.get(1) != null) {
            Tensor t = inputs.get(1).constant();
            if (t == null) {
                throw new IllegalArgumentException("ReduceMax axes must be a constant");
            }
            given = ((org.cryptorch.tensor.LongTensor) t).data();
        }
        if (given == null || given.length == 0) {
            given = new long[rank];
            for (int i = 0; i < rank; i++) {
                given[i] = i;
            }
        }
        long[] axes = new long[given.length];
        for (int i = 0; i < given.length; i++) {
            axes[i] = given[i] < 0 ? given[i] + rank : given[i];
            if (axes[i] < 0 || axes[i] >= rank) {
                throw new IllegalArgumentException("ReduceMax axis " + given[i] + " out of range for rank " + rank);
            }
        }
        java.util.Arrays.sort(axes);
        return axes;
    }
}
