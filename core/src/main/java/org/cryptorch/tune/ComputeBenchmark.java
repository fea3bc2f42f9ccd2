package org.cryptorch.tune;

import java.util.SplittableRandom;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * The short on-machine measurement behind {@link ComputeCalibration}: about half a second of element-wise ring
 * multiplies and half a second of ring matmuls, with the same tensor kernels the backends use. A warm-up run first
 * lets the JIT compile the kernels, so the rate is the steady-state one that long inferences see.
 */
public final class ComputeBenchmark {
    private static final int ELEMENTS = 1 << 20;
    private static final int MATMUL_SIDE = 256;
    private static final double SECONDS_PER_KERNEL = 0.5;

    private ComputeBenchmark() {
    }

    public static ComputeCalibration measure() {
        LongTensor a = random(Shape.of(ELEMENTS), 1);
        LongTensor b = random(Shape.of(ELEMENTS), 2);
        // a multiply reads two elements and writes one: count the three touched elements, as CostedOp.elements does
        double elementOps = rate(() -> a.mul(b), 3.0 * ELEMENTS);
        LongTensor x = random(Shape.of(MATMUL_SIDE, MATMUL_SIDE), 3);
        LongTensor y = random(Shape.of(MATMUL_SIDE, MATMUL_SIDE), 4);
        double macs = rate(() -> x.matmul(y), (double) MATMUL_SIDE * MATMUL_SIDE * MATMUL_SIDE);
        return new ComputeCalibration(elementOps, macs);
    }

    private static double rate(Runnable kernel, double workPerRun) {
        kernel.run();
        long start = System.nanoTime();
        long deadline = start + (long) (SECONDS_PER_KERNEL * 1e9);
        int runs = 0;
        long now;
        do {
            kernel.run();
            runs++;
            now = System.nanoTime();
        } while (now < deadline);
        return runs * workPerRun / ((now - start) / 1e9);
    }

    private static LongTensor random(Shape shape, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] data = new long[shape.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextLong();
        }
        return new LongTensor(shape, data);
    }
}
