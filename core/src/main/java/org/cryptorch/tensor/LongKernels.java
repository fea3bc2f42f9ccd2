package org.cryptorch.tensor;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise kernels on long arrays (wrapping arithmetic), vectorised with the Vector API. Each writes
 * out[i] for i < out.length; inputs are at least that long. {@code out} may alias an input.
 */
final class LongKernels {
    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;

    private LongKernels() {
    }

    static void add(long[] a, long[] b, long[] out) {
        int i = 0;
        for (int upper = S.loopBound(out.length); i < upper; i += S.length()) {
            LongVector.fromArray(S, a, i).add(LongVector.fromArray(S, b, i)).intoArray(out, i);
        }
        for (; i < out.length; i++) {
            out[i] = a[i] + b[i];
        }
    }

    static void sub(long[] a, long[] b, long[] out) {
        int i = 0;
        for (int upper = S.loopBound(out.length); i < upper; i += S.length()) {
            LongVector.fromArray(S, a, i).sub(LongVector.fromArray(S, b, i)).intoArray(out, i);
        }
        for (; i < out.length; i++) {
            out[i] = a[i] - b[i];
        }
    }

    static void mul(long[] a, long[] b, long[] out) {
        int i = 0;
        for (int upper = S.loopBound(out.length); i < upper; i += S.length()) {
            LongVector.fromArray(S, a, i).mul(LongVector.fromArray(S, b, i)).intoArray(out, i);
        }
        for (; i < out.length; i++) {
            out[i] = a[i] * b[i];
        }
    }

    static void addScalar(long[] a, long c, long[] out) {
        int i = 0;
        for (int upper = S.loopBound(out.length); i < upper; i += S.length()) {
            LongVector.fromArray(S, a, i).add(c).intoArray(out, i);
        }
        for (; i < out.length; i++) {
            out[i] = a[i] + c;
        }
    }

    static void mulScalar(long[] a, long c, long[] out) {
        int i = 0;
        for (int upper = S.loopBound(out.length); i < upper; i += S.length()) {
            LongVector.fromArray(S, a, i).mul(c).intoArray(out, i);
        }
        for (; i < out.length; i++) {
            out[i] = a[i] * c;
        }
    }

    /** Plain loop: C2 vectorises an arithmetic shift by a loop-invariant amount on its own. */
    static void shiftRight(long[] a, int bits, long[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] >> bits;
        }
    }
}
