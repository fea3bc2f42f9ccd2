package org.cryptorch.tensor;

/**
 * A list of equally sized matrix products (m x k times k x n) at given offsets, run over the shared pool: whole
 * products go to different threads when there are enough of them, otherwise each product's rows are split. Work
 * below {@link #PARALLEL_MACS} multiply-accumulates stays on the calling thread, where a hand-off would cost more.
 */
final class MatmulBatch {
    static final long PARALLEL_MACS = 1L << 20;

    private final int[] aOffsets;
    private final int[] bOffsets;
    private final int[] cOffsets;
    private final int m;
    private final int k;
    private final int n;

    MatmulBatch(int[] aOffsets, int[] bOffsets, int[] cOffsets, int m, int k, int n) {
        this.aOffsets = aOffsets;
        this.bOffsets = bOffsets;
        this.cOffsets = cOffsets;
        this.m = m;
        this.k = k;
        this.n = n;
    }

    <A> void run(MatmulKernel<A> kernel, A a, A b, A c) {
        int count = aOffsets.length;
        if (count == 0) {
            return;
        }
        long macs = (long) count * m * k * n;
        int threads = macs < PARALLEL_MACS ? 1 : Parallel.THREADS;
        if (count >= threads) {
            Parallel.forEach(threads, part -> {
                for (int t = part * count / threads; t < (part + 1) * count / threads; t++) {
                    kernel.multiply(a, aOffsets[t], b, bOffsets[t], c, cOffsets[t], m, k, n);
                }
            });
            return;
        }
        int chunks = Math.min(m, (threads + count - 1) / count);
        Parallel.forEach(count * chunks, job -> {
            int t = job / chunks;
            int chunk = job % chunks;
            int r0 = rowBoundary(chunk, chunks);
            int r1 = rowBoundary(chunk + 1, chunks);
            kernel.multiply(a, aOffsets[t] + r0 * k, b, bOffsets[t], c, cOffsets[t] + r0 * n, r1 - r0, k, n);
        });
    }

    /** Start row of chunk {@code i}, on a multiple of 4 so the kernel's 4-row tiles stay whole. */
    private int rowBoundary(int i, int chunks) {
        if (i == chunks) {
            return m;
        }
        return Math.min(m, (int) ((long) m * i / chunks) & ~3);
    }
}
