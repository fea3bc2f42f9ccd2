package org.cryptorch.reference;

import java.util.List;
import org.cryptorch.ir.Node;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Tensor;

/** One kernel invocation: the node (for attributes), its input tensors and the graph's opset, with readers. */
record Call(Node node, List<Tensor> inputs, int opset) {

    boolean has(int i) {
        return i < inputs.size() && inputs.get(i) != null;
    }

    Tensor in(int i) {
        if (!has(i)) {
            throw error("missing input " + i);
        }
        return inputs.get(i);
    }

    FloatTensor f(int i) {
        if (in(i) instanceof FloatTensor f) {
            return f;
        }
        throw error("input " + i + " must be a float tensor, got " + in(i).dtype());
    }

    LongTensor l(int i) {
        if (in(i) instanceof LongTensor l) {
            return l;
        }
        throw error("input " + i + " must be an integer tensor, got " + in(i).dtype());
    }

    /** The elements of input {@code i} as longs (index and shape inputs). */
    long[] longs(int i) {
        return switch (in(i)) {
            case LongTensor l -> l.data().clone();
            case FloatTensor f -> {
                long[] r = new long[f.size()];
                for (int k = 0; k < r.length; k++) {
                    r[k] = (long) f.data()[k];
                }
                yield r;
            }
        };
    }

    /** Input {@code i} as a scalar double (Clip bounds, Pad value). */
    double scalar(int i) {
        return switch (in(i)) {
            case LongTensor l -> l.data()[0];
            case FloatTensor f -> f.data()[0];
        };
    }

    long attr(String key, long dflt) {
        return node.intAttr(key, dflt);
    }

    double attr(String key, double dflt) {
        return node.floatAttr(key, dflt);
    }

    String attr(String key, String dflt) {
        return node.stringAttr(key, dflt);
    }

    long[] ints(String key) {
        return node.intsAttr(key, null);
    }

    /**
     * The axes an op works on: from the attribute (older opsets) or from input {@code input} (newer opsets), or
     * null when neither is given.
     */
    long[] axes(int input) {
        long[] a = ints("axes");
        return a != null ? a : has(input) ? longs(input) : null;
    }

    /** Normalises a possibly negative axis for a tensor of rank {@code rank}. */
    int axis(long a, int rank) {
        long r = a < 0 ? a + rank : a;
        if (r < 0 || r >= rank) {
            throw error("axis " + a + " out of range for rank " + rank);
        }
        return (int) r;
    }

    IllegalArgumentException error(String message) {
        return new IllegalArgumentException(node.opType() + " node '" + node.name() + "': " + message);
    }
}
