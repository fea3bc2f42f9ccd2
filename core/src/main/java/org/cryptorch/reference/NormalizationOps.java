package org.cryptorch.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
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
        Ops.register("BatchNormalization", NormalizationOps::batchNorm);
    }

    /**
     * Before opset 13 Softmax coerces its input to 2-D at {@code axis} (default 1) and normalises over all trailing
     * axes together; from opset 13 it normalises over the single {@code axis} (default -1).
     */
    private static int[] softmaxAxes(Call c) {
        int rank = c.f(0).shape().rank();
        if (rank == 0) {
            return new int[0];
        }
        if (c.opset() < 13) {
            return trailingAxes(c.axis(c.attr("axis", 1L), rank), rank);
        }
        return new int[] {c.axis(c.attr("axis", -1L), rank)};
    }

    /** Axes {@code from, ..., rank-1}. */
    private static int[] trailingAxes(int from, int rank) {
        int[] axes = new int[rank - from];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = from + i;
        }
        return axes;
    }

    static FloatTensor softmax(FloatTensor x, int[] axes, boolean log) {
        FloatTensor shifted = x.sub(x.max(axes, true));
        FloatTensor sum = shifted.map(Math::exp).sum(axes, true);
        return log ? shifted.zip(sum, (v, s) -> v - Math.log(s)) : shifted.zip(sum, (v, s) -> Math.exp(v) / s);
    }

    /**
     * Softmax over {@code axis} among the entries where Keep is true; masked entries give exactly 0 and a row with
     * no kept entry gives all zeros (where an additive -inf mask would give NaN).
     */
    private static Tensor maskedSoftmax(Call c) {
        FloatTensor x = c.f(0);
        int[] axis = {c.axis(c.attr("axis", -1L), x.shape().rank())};
        FloatTensor keep = ElementwiseOps.toFloat(c.l(1)).broadcastTo(x.shape());
        FloatTensor masked = x.zip(keep, (v, k) -> k != 0 ? v : Double.NEGATIVE_INFINITY);
        // a fully masked row has max -inf; its entries stay 0 instead of exp(-inf - -inf) = NaN
        FloatTensor e = masked.zip(masked.max(axis, true),
            (v, m) -> v == Double.NEGATIVE_INFINITY ? 0 : Math.exp(v - m));
        return e.zip(e.sum(axis, true), (v, s) -> v == 0 ? 0 : v / s);
    }

    /** Outputs Y and, when the node asks for them, Mean and InvStdDev (reduced axes kept with size 1). */
    private static List<Tensor> layerNorm(Call c) {
        FloatTensor x = c.f(0);
        int rank = x.shape().rank();
        int axis = c.axis(c.attr("axis", -1L), rank);
        double eps = c.attr("epsilon", 1e-5);
        int[] axes = trailingAxes(axis, rank);
        FloatTensor mean = x.mean(axes, true);
        FloatTensor centered = x.sub(mean);
        FloatTensor invStd = centered.map(v -> v * v).mean(axes, true).map(v -> 1 / Math.sqrt(v + eps));
        FloatTensor y = centered.mul(invStd).mul(c.f(1));
        if (c.has(2)) {
            y = y.add(c.f(2));
        }
        List<Tensor> out = new ArrayList<>(List.of(y, mean, invStd));
        return out.subList(0, Math.max(1, c.node().outputs().size()));
    }

    /**
     * Inference mode normalises with the given running statistics. Training mode (opset 14+) normalises with the
     * batch statistics (population variance) and also outputs the updated running mean and variance.
     */
    private static List<Tensor> batchNorm(Call c) {
        FloatTensor x = c.f(0);
        double eps = c.attr("epsilon", 1e-5);
        int rank = x.shape().rank();
        int[] paramDims = new int[rank];
        Arrays.fill(paramDims, 1);
        paramDims[1] = x.shape().dim(1);
        Shape ps = Shape.of(paramDims);
        FloatTensor mean = c.f(3).reshape(ps);
        FloatTensor var = c.f(4).reshape(ps);
        boolean training = c.attr("training_mode", 0L) != 0;
        FloatTensor batchMean = mean;
        FloatTensor batchVar = var;
        if (training) {
            int[] axes = new int[rank - 1];
            for (int i = 1; i < axes.length; i++) {
                axes[i] = i + 1;
            }
            batchMean = x.mean(axes, true);
            batchVar = x.sub(batchMean).map(v -> v * v).mean(axes, true);
        }
        FloatTensor factor = c.f(1).reshape(ps).zip(batchVar, (g, v) -> g / Math.sqrt(v + eps));
        FloatTensor y = x.sub(batchMean).mul(factor).add(c.f(2).reshape(ps));
        if (!training) {
            return List.of(y);
        }
        double momentum = c.attr("momentum", 0.9);
        DoubleBinaryOperator update = (running, batch) -> running * momentum + batch * (1 - momentum);
        Shape channels = c.f(3).shape();
        return List.of(y, mean.zip(batchMean, update).reshape(channels), var.zip(batchVar, update).reshape(channels));
    }
}
