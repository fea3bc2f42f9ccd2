package org.cryptorch.passes;

import java.util.ArrayList;
import java.util.List;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;

/**
 * Folds an inference BatchNormalization y = (x - mean) / sqrt(var + eps) * scale + bias into the preceding Conv
 * or fully connected layer (MatMul, optionally followed by a bias Add, with a 2-D output so that the channel axis
 * of the BatchNormalization is the MatMul's output column). Per channel c with s = scale / sqrt(var + eps):
 * W'[c] = W[c] * s and b'[c] = (b[c] - mean[c]) * s + bias[c].
 */
public final class FoldBatchNorm implements Pass {
    @Override
    public String name() {
        return "fold-batchnorm";
    }

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node bn : new ArrayList<>(g.nodes())) {
            if (bn.opType().equals("BatchNormalization") && bn.outputs().size() == 1 && parametersConstant(bn)) {
                changed |= foldIntoConv(g, bn) || foldIntoLinear(g, bn);
            }
        }
        return changed;
    }

    static boolean parametersConstant(Node bn) {
        for (int i = 1; i <= 4; i++) {
            if (bn.input(i) == null || !bn.input(i).isConstant()) {
                return false;
            }
        }
        return true;
    }

    private static boolean foldIntoConv(Graph g, Node bn) {
        Node conv = Patterns.producer(bn.input(0), "Conv");
        if (conv == null || !Patterns.singleUse(g, conv.output(0))
            || !(conv.input(1).constant() instanceof FloatTensor w)
            || (conv.input(2) != null && !conv.input(2).isConstant())) {
            return false;
        }
        int channels = w.shape().dim(0);
        ChannelAffine affine = ChannelAffine.of(bn, channels);
        if (affine == null) {
            return false;
        }
        double[] wd = w.data().clone();
        int block = wd.length / channels;
        for (int i = 0; i < wd.length; i++) {
            wd[i] *= affine.scale[i / block];
        }
        double[] bias = affine.foldBias(Patterns.constantValues(conv.input(2)));
        Value newW = g.constant(new FloatTensor(w.shape(), wd, w.dtype()));
        Value newB = g.constant(new FloatTensor(Shape.of(channels), bias, w.dtype()));
        Patterns.replaceWith(g, bn.output(0), "Conv", List.of(conv.input(0), newW, newB), conv.attributes());
        g.removeNode(bn);
        return true;
    }

    private static boolean foldIntoLinear(Graph g, Node bn) {
        Value x = bn.input(0);
        if (x.shape() == null || x.shape().rank() != 2) {
            return false;
        }
        Node add = Patterns.producer(x, "Add");
        Value matmulOut = x;
        Value oldBias = null;
        if (add != null) {
            oldBias = add.input(1).isConstant() ? add.input(1) : add.input(0);
            matmulOut = Patterns.otherInput(add, oldBias);
            if (!oldBias.isConstant() || !Patterns.singleUse(g, x)) {
                return false;
            }
        }
        Node matmul = Patterns.producer(matmulOut, "MatMul");
        if (matmul == null || !Patterns.singleUse(g, matmulOut)
            || !(matmul.input(1).constant() instanceof FloatTensor w) || w.shape().rank() != 2) {
            return false;
        }
        int channels = w.shape().dim(1);
        ChannelAffine affine = ChannelAffine.of(bn, channels);
        double[] biasValues = oldBias == null ? null : Patterns.constantValues(oldBias);
        if (affine == null || (biasValues != null && biasValues.length != channels && biasValues.length != 1)) {
            return false;
        }
        double[] wd = w.data().clone();
        for (int i = 0; i < wd.length; i++) {
            wd[i] *= affine.scale[i % channels];
        }
        Value newW = g.constant(new FloatTensor(w.shape(), wd, w.dtype()));
        Value newB = g.constant(new FloatTensor(Shape.of(channels), affine.foldBias(biasValues), w.dtype()));
        Value y = g.op("Add", g.op("MatMul", matmul.input(0), newW), newB);
        Patterns.replace(g, bn.output(0), y);
        g.removeNode(bn);
        return true;
    }

    /** The per-channel scale s and shift of a BatchNormalization, as doubles. */
    record ChannelAffine(double[] scale, double[] mean, double[] shift) {
        /** Null when the parameters do not have one entry per channel. */
        static ChannelAffine of(Node bn, int channels) {
            double[] gamma = Patterns.constantValues(bn.input(1));
            double[] beta = Patterns.constantValues(bn.input(2));
            double[] mean = Patterns.constantValues(bn.input(3));
            double[] var = Patterns.constantValues(bn.input(4));
            if (gamma.length != channels || beta.length != channels || mean.length != channels
                || var.length != channels) {
                return null;
            }
            double eps = bn.floatAttr("epsilon", 1e-5);
            double[] s = new double[channels];
            for (int c = 0; c < channels; c++) {
                s[c] = gamma[c] / Math.sqrt(var[c] + eps);
            }
            return new ChannelAffine(s, mean, beta);
        }

        /** (b - mean) * s + shift per channel, where b is the layer's bias (absent: zero; one value: broadcast). */
        double[] foldBias(double[] b) {
            double[] r = new double[scale.length];
            for (int c = 0; c < r.length; c++) {
                double bc = b == null ? 0 : b[b.length == 1 ? 0 : c];
                r[c] = (bc - mean[c]) * scale[c] + shift[c];
            }
            return r;
        }
    }
}
