package org.cryptorch.tensor;

import java.util.Random;

/** Test helpers: plain coordinate arithmetic, independent of the code under test. */
final class Coords {
    private Coords() {
    }

    static int[] unflatten(int[] dims, int flat) {
        int[] c = new int[dims.length];
        for (int a = dims.length - 1; a >= 0; a--) {
            c[a] = flat % dims[a];
            flat /= dims[a];
        }
        return c;
    }

    static int flatten(int[] dims, int[] coords) {
        int f = 0;
        for (int a = 0; a < dims.length; a++) {
            f = f * dims[a] + coords[a];
        }
        return f;
    }

    static int size(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Numpy broadcasting read: element of tensor {@code dims} that output coordinate {@code out} sees. */
    static int broadcastSource(int[] dims, int[] out) {
        int[] c = new int[dims.length];
        int off = out.length - dims.length;
        for (int a = 0; a < dims.length; a++) {
            c[a] = dims[a] == 1 ? 0 : out[a + off];
        }
        return flatten(dims, c);
    }

    static LongTensor randomLong(Random rnd, int... dims) {
        long[] d = new long[size(dims)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextLong();
        }
        return new LongTensor(Shape.of(dims), d);
    }

    static LongTensor smallLong(Random rnd, int... dims) {
        long[] d = new long[size(dims)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextInt(201) - 100;
        }
        return new LongTensor(Shape.of(dims), d);
    }

    static FloatTensor toFloat(LongTensor t) {
        double[] d = new double[t.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = t.data()[i];
        }
        return new FloatTensor(t.shape(), d);
    }

    static long[] iotaArray(int n) {
        long[] d = new long[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return d;
    }

    static LongTensor iota(int... dims) {
        return new LongTensor(Shape.of(dims), iotaArray(size(dims)));
    }
}
