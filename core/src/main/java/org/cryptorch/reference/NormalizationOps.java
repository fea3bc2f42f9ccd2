package org.cryptorch.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/** Softmax, LogSoftmax, our MaskedSoftmax, LayerNormalization and (inference-mode) BatchNormalization. */
final class NormalizationOps {
    private NormalizationOps() {
    }

    static void register() {
        Ops.single("Softmax", c -> softmax(c.f(0), softmaxAxes(c), false));
        Ops.single("LogSoftmax", c -> softmax(c.f(0), softmaxAxes(c), true));
        Ops.single("MaskedSoftmax", NormalizationOps::maskedSoftmax);
        Ops.register("LayerNormalization", NormalizationOps::layerNorm);
        Ops.single("BatchNormalization", NormalizationOps::batchNorm);
    }

    /**
     * Before opset 13 Softmax coerces its input to 2-D at {@code axis} (default 1) and normalises over all trailing
     * axes together; from opset 13 it normalises over the single {@code axis} (default -1).
     */
    private static boolean[] softmaxAxes(Call c) {
        int rank = c.f(0).shape().rank();
        boolean[] mask = new boolean[rank];
        if (rank == 0) {
            return mask;
        }
        if (c.opset() < 13) {
            int axis = c.axis(c.attr("axis", 1L), rank);
            Arrays.fill(mask, axis, rank, true);
        } else {
            mask[c.axis(c.attr("axis", -1L), rank)] = true;
        }
        return mask;
    }

    static FloatTensor softmax(FloatTensor x, boolean[] axes, boolean log) {
        FloatTensor max = Nd.reduce(x, axes, Double.NEGATIVE_INFINITY, Math::max);
        FloatTensor shifted = Nd.zip(x, max, (v, m) -> v - m);
        FloatTensor sum = Nd.reduce(Nd.map(shifted, Math::exp), axes, 0, Double::sum);
        return log ? Nd.zip(shifted, sum, (v, s) -> v - Math.log(s))
            : Nd.zip(shifted, sum, (v, s) -> Math.exp(v) / s);
    }

    /**
     * Softmax over {@code axis} among the entries where Keep is true; masked entries give exactly 0 and a row with
     * no kept entry gives all zeros (where an additive -inf mask would give NaN).
     */
    private static Tensor maskedSoftmax(Call c) {
        FloatTensor x = c.f(0);
        Shape s = x.shape();
        long[] keep = ((org.cryptorch.tensor.LongTensor) Nd.broadcastTo(c.l(1), s)).data();
        boolean[] axes = new boolean[s.rank()];
        axes[c.axis(c.attr("axis", -1L), s.rank())] = true;
        double[] masked = x.data().clone();
        for (int i = 0; i < masked.length; i++) {
            if (keep[i] == 0) {
                masked[i] = Double.NEGATIVE_INFINITY;
            }
        }
        FloatTensor max = Nd.reduce(new FloatTensor(s, masked, x.dtype()), axes, Double.NEGATIVE_INFINITY,
            Math::max);
        int[] slot = Nd.broadcastIndex(max.shape(), s);
        double[] e = new double[masked.length];
        double[] sum = new double[max.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = keep[i] == 0 ? 0 : Math.exp(masked[i] - max.data()[slot[i]]);
            sum[slot[i]] += e[i];
        }
        for (int i = 0; i < e.length; i++) {
            e[i] = e[i] == 0 ? 0 : e[i] / sum[slot[i]];
        }
        return new FloatTensor(s, e, x.dtype());
    }

    /** Outputs Y and, when the node asks for them, Mean and InvStdDev (reduced axes kept with size 1). */
    private static List<Tensor> layerNorm(Call c) {
        FloatTensor x = c.f(0);
        int rank = x.shape().rank();
        int axis = c.axis(c.attr("axis", -1L), rank);
        double eps = c.attr("epsilon", 1e-5);
        boolean[] axes = new boolean[rank];
        Arrays.fill(axes, axis, rank, true);
        int n = 1;
        for (int i = axis; i < rank; i++) {
            n *= x.shape().dim(i);
        }
        int count = n;
        FloatTensor mean = Nd.map(Nd.reduce(x, axes, 0, Double::sum), v -> v / count);
        FloatTensor centered = Nd.zip(x, mean, (v, m) -> v - m);
        FloatTensor variance = Nd.map(Nd.reduce(Nd.map(centered, v -> v * v), axes, 0, Double::sum),
            v -> v / count);
        FloatTensor invStd = Nd.map(variance, v -> 1 / Math.sqrt(v + eps));
        FloatTensor y = Nd.zip(Nd.zip(centered, invStd, (v, r) -> v * r), c.f(1), (v, g) -> v * g);
        if (c.has(2)) {
            y = Nd.zip(y, c.f(2), Double::sum);
        }
        List<Tensor> out = new ArrayList<>(List.of(y, mean, invStd));
        return out.subList(0, Math.max(1, c.node().outputs().size()));
    }

    private static Tensor batchNorm(Call c) {
        if (c.attr("training_mode", 0L) != 0) {
            throw c.error("training_mode=1 is not supported (inference only)");
        }
        FloatTensor x = c.f(0);
        double eps = c.attr("epsilon", 1e-5);
        int rank = x.shape().rank();
        int[] paramDims = new int[rank];
        Arrays.fill(paramDims, 1);
        paramDims[1] = x.shape().dim(1);
        Shape ps = Shape.of(paramDims);
        FloatTensor scale = (FloatTensor) Nd.reshape(c.f(1), ps);
        FloatTensor bias = (FloatTensor) Nd.reshape(c.f(2), ps);
        FloatTensor mean = (FloatTensor) Nd.reshape(c.f(3), ps);
        FloatTensor var = (FloatTensor) Nd.reshape(c.f(4), ps);
        FloatTensor factor = Nd.zip(scale, var, (g, v) -> g / Math.sqrt(v + eps));
        return Nd.zip(Nd.zip(Nd.zip(x, mean, (v, m) -> v - m), factor, (v, f) -> v * f), bias, Double::sum);
    }
}
