package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * LayerNormalization (inputs X, Scale, optional B; attributes axis, epsilon): {@code d = x - mean},
 * {@code y = d rsqrt(mean(d^2) + eps) Scale + B} over the axes from {@code axis} on, with a nested rsqrt. Only the
 * output Y is produced.
 */
final class LayerNormRsqrt extends BaseApproximation {
    LayerNormRsqrt() {
        super("layernorm.rsqrt", "LayerNormalization", "centre, mean of squares plus epsilon, nested rsqrt", List.of(
            Knob.approximation("rsqrt", "the inverse standard deviation", "Rsqrt", "rsqrt.normalized")));
    }

    /**
     * Elements in [-B, B] keep the row variance at most B^2, so B = sqrt of the nested rsqrt's upper end; the
     * variance plus epsilon must also stay above its lower end (rows that are not nearly constant).
     */
    @Override
    public Range documentedRange(KnobValues knobs) {
        Range rsqrt = Approximations.nestedRange(knobs, "rsqrt");
        double bound = Math.floor(Math.sqrt(rsqrt.hi()));
        return new Range(-bound, bound);
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        int[] dims = e.dims(x);
        Attribute axisAttr = attributes.get("axis");
        long axis = axisAttr == null ? -1 : axisAttr.asInt();
        int first = (int) (axis < 0 ? axis + dims.length : axis);
        if (first < 0 || first >= dims.length) {
            throw new IllegalArgumentException("LayerNormalization axis " + axis + " out of range for rank "
                + dims.length);
        }
        long[] axes = new long[dims.length - first];
        long count = 1;
        for (int i = 0; i < axes.length; i++) {
            axes[i] = first + i;
            count *= dims[first + i];
        }
        Attribute eps = attributes.get("epsilon");
        Value mean = e.mulConst(e.reduceSum(x, axes, true), 1.0 / count);
        Value centred = e.sub(x, mean);
        Value variance = e.addConst(e.mulConst(e.reduceSum(e.square(centred), axes, true), 1.0 / count),
            eps == null ? 1e-5 : eps.asFloat());
        Value y = e.mul(e.mul(centred, e.nested("rsqrt", knobs, variance)), inputs.get(1));
        return List.of(inputs.size() > 2 && inputs.get(2) != null ? e.add(y, inputs.get(2)) : y);
    }
}
