package org.cryptorch.reference;

import org.cryptorch.ir.SpatialWindow;
import org.cryptorch.tensor.Shape;

/**
 * For a sliding window, the input position under every (kernel offset, output position) pair, over any number of
 * spatial axes: Conv and the pools loop over this table instead of over nested spatial loops.
 */
final class WindowTable {
    /** Marks a position in the padding. */
    static final int PADDING = -1;
    /** Marks a position past the end padding (only reachable in ceil mode). */
    static final int OUTSIDE = -2;

    final int kernelSize;
    final int outputSize;
    final int inputSize;
    /** {@code index[q * outputSize + p]}: flat spatial input index, or PADDING / OUTSIDE. */
    final int[] index;

    WindowTable(SpatialWindow w) {
        int r = w.inputDims().length;
        Shape kernel = Shape.of(w.kernel());
        Shape out = Shape.of(w.outputDims());
        Shape in = Shape.of(w.inputDims());
        kernelSize = kernel.size();
        outputSize = out.size();
        inputSize = in.size();
        index = new int[kernelSize * outputSize];
        int[] inStrides = in.strides();
        int[] q = new int[r];
        int[] p = new int[r];
        for (int qi = 0; qi < kernelSize; qi++) {
            unflatten(qi, w.kernel(), q);
            for (int pi = 0; pi < outputSize; pi++) {
                unflatten(pi, w.outputDims(), p);
                int flat = 0;
                int mark = 0;
                for (int a = 0; a < r; a++) {
                    int pos = p[a] * w.strides()[a] + q[a] * w.dilations()[a] - w.pads()[a];
                    if (pos < 0 || pos >= w.inputDims()[a]) {
                        boolean beyondPadding = pos >= w.inputDims()[a] + w.pads()[a + r];
                        mark = beyondPadding || mark == OUTSIDE ? OUTSIDE : PADDING;
                    }
                    flat += pos * inStrides[a];
                }
                index[qi * outputSize + pi] = mark != 0 ? mark : flat;
            }
        }
    }

    static void unflatten(int flat, int[] dims, int[] idx) {
        for (int a = dims.length - 1; a >= 0; a--) {
            idx[a] = flat % dims[a];
            flat /= dims[a];
        }
    }
}
