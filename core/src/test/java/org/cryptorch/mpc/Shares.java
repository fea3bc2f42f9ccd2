package org.cryptorch.mpc;

import java.util.SplittableRandom;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/** Test helpers: plaintext values with edge cases, splitting into shares and recombining. */
final class Shares {
    private Shares() {
    }

    /** Two uniformly random shares of {@code x}: element 0 for party 0, element 1 for party 1. */
    static LongTensor[] split(LongTensor x, SplittableRandom rnd) {
        long[] v = x.data();
        long[] s0 = new long[v.length];
        long[] s1 = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            s0[i] = rnd.nextLong();
            s1[i] = v[i] - s0[i];
        }
        return new LongTensor[] {new LongTensor(x.shape(), s0), new LongTensor(x.shape(), s1)};
    }

    static long[] combine(LongTensor s0, LongTensor s1) {
        long[] a = s0.data();
        long[] b = s1.data();
        long[] out = new long[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    /**
     * Ring values whose absolute value stays below {@code limit}: the first ones are 0, ±1, ±(limit-1) and -limit
     * (the edges of the range), the rest uniform in [-limit, limit).
     */
    static LongTensor values(Shape shape, long limit, SplittableRandom rnd) {
        long[] edges = {0, 1, -1, limit - 1, -limit, -(limit - 1), 65536, -65536};
        long[] v = new long[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i < edges.length ? edges[i] : rnd.nextLong(-limit, limit);
        }
        return new LongTensor(shape, v);
    }
}
