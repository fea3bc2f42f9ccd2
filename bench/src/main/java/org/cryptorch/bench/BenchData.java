package org.cryptorch.bench;

import java.util.SplittableRandom;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/** Random ring tensors for the benchmarks (fixed seed, so runs are comparable). */
final class BenchData {
    private BenchData() {
    }

    static LongTensor randomRing(long seed, int... dims) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Shape shape = Shape.of(dims);
        long[] data = new long[shape.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = rnd.nextLong();
        }
        return new LongTensor(shape, data);
    }
}
