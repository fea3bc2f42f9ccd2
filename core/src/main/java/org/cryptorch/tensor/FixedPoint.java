package org.cryptorch.tensor;

/**
 * Fixed-point encoding of reals in the ring Z_2^64: x is stored as round(x * 2^f) in two's complement. Encoding
 * rejects NaN, infinities and values whose scaled magnitude reaches 2^63 (they would wrap to a different number).
 */
public final class FixedPoint {
    /** Default number of fractional bits. */
    public static final int DEFAULT_FRAC_BITS = 16;

    private static final double RING_HALF = 0x1p63;

    private FixedPoint() {
    }

    /**
     * The largest |value| an input or weight may have at {@code fracBits} fractional bits: 2^(31-f) (32768 at
     * f = 16). The product of two such values at the double scale 2f of an untruncated product still fits the
     * ring: (2^(31-f) 2^f)^2 = 2^62 < 2^63.
     */
    public static double headroom(int fracBits) {
        checkFracBits(fracBits);
        return Math.scalb(1.0, 31 - fracBits);
    }

    public static long encode(double x, int fracBits) {
        checkFracBits(fracBits);
        double scaled = Math.rint(Math.scalb(x, fracBits));
        if (Double.isNaN(scaled) || scaled >= RING_HALF || scaled < -RING_HALF) {
            throw new IllegalArgumentException("cannot encode " + x + " with " + fracBits
                    + " fractional bits: outside the ring's signed range +-2^" + (63 - fracBits));
        }
        return (long) scaled;
    }

    public static double decode(long x, int fracBits) {
        checkFracBits(fracBits);
        return Math.scalb((double) x, -fracBits);
    }

    /** Encodes every element (round to nearest, ties to even); fails on the first element out of range. */
    public static LongTensor encode(FloatTensor x, int fracBits) {
        double[] in = x.data();
        long[] out = new long[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = encode(in[i], fracBits);
        }
        return new LongTensor(x.shape(), out);
    }

    public static FloatTensor decode(LongTensor x, int fracBits) {
        long[] in = x.data();
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = decode(in[i], fracBits);
        }
        return new FloatTensor(x.shape(), out, DType.FLOAT64);
    }

    private static void checkFracBits(int fracBits) {
        if (fracBits < 0 || fracBits > 62) {
            throw new IllegalArgumentException("fractional bits " + fracBits + " outside [0, 62]");
        }
    }
}
