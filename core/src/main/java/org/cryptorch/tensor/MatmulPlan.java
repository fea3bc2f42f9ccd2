package org.cryptorch.tensor;

import java.util.Arrays;

/**
 * Shapes and per-batch offsets of a numpy matmul: 1-D operands are promoted to a row (left) or column (right) and the
 * promoted axis is dropped from the result; leading batch axes broadcast.
 */
final class MatmulPlan {
    private final Shape outShape;
    private final int m;
    private final int k;
    private final int n;
    private final int[] aOffsets;
    private final int[] bOffsets;

    MatmulPlan(Shape a, Shape b) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul needs operands of rank >= 1, got " + a + " and " + b);
        }
        int[] ad = a.rank() == 1 ? new int[] {1, a.dim(0)} : a.dims();
        int[] bd = b.rank() == 1 ? new int[] {b.dim(0), 1} : b.dims();
        m = ad[ad.length - 2];
        k = ad[ad.length - 1];
        n = bd[bd.length - 1];
        if (bd[bd.length - 2] != k) {
            throw new IllegalArgumentException("matmul inner dimensions differ: " + a + " and " + b);
        }
        Shape aBatch = Shape.of(Arrays.copyOf(ad, ad.length - 2));
        Shape bBatch = Shape.of(Arrays.copyOf(bd, bd.length - 2));
        Shape batch = Shape.broadcast(aBatch, bBatch);
        aOffsets = batchOffsets(aBatch, batch, m * k);
        bOffsets = batchOffsets(bBatch, batch, k * n);
        int[] out = Arrays.copyOf(batch.dims(), batch.rank() + 2);
        out[batch.rank()] = m;
        out[batch.rank() + 1] = n;
        if (b.rank() == 1) {
            out = dropAxis(out, out.length - 1);
        }
        if (a.rank() == 1) {
            out = dropAxis(out, out.length - (b.rank() == 1 ? 1 : 2));
        }
        outShape = Shape.of(out);
    }

    private static int[] batchOffsets(Shape operandBatch, Shape batch, int matrixSize) {
        IndexMap map = IndexMap.broadcast(operandBatch, batch);
        int[] offsets = new int[batch.size()];
        for (int t = 0; t < offsets.length; t++) {
            offsets[t] = map.source(t) * matrixSize;
        }
        return offsets;
    }

    private static int[] dropAxis(int[] dims, int axis) {
        int[] out = new int[dims.length - 1];
        System.arraycopy(dims, 0, out, 0, axis);
        System.arraycopy(dims, axis + 1, out, axis, out.length - axis);
        return out;
    }

    Shape outShape() {
        return outShape;
    }

    /** Runs the kernel on every batch; {@code c} must have {@code outShape().size()} elements. */
    <A> void run(MatmulKernel<A> kernel, A a, A b, A c) {
        for (int t = 0; t < aOffsets.length; t++) {
            kernel.multiply(a, aOffsets[t], b, bOffsets[t], c, t * m * n, m, k, n);
        }
    }
}
