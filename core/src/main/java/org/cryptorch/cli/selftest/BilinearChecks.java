package org.cryptorch.cli.selftest;

import static org.cryptorch.cli.selftest.CheckData.inputAt0;
import static org.cryptorch.cli.selftest.CheckData.maxAbsError;
import static org.cryptorch.cli.selftest.CheckData.openAtParty0;
import static org.cryptorch.cli.selftest.CheckData.randomFixed;
import static org.cryptorch.cli.selftest.CheckData.share;

import java.util.List;
import org.cryptorch.mpc.Arithmetic;
import org.cryptorch.mpc.ArithmeticCosts;
import org.cryptorch.mpc.Cost;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * Checks of the Beaver products of whole tensors: party 0 holds the activations, party 1 the weights (as an ordinary
 * secret, or shared under a fixed mask as a model's weights are). The results
 * are ring-exact (2f fractional bits), compared with direct loops in plaintext, so the bound is 0.
 */
final class BilinearChecks {
    /** Image side of the convolution check. */
    static final int IMAGE = 32;
    private static final int[] STRIDES = {1, 1};
    private static final int[] PADS = {1, 1, 1, 1};
    private static final int[] DILATIONS = {1, 1};

    private BilinearChecks() {
    }

    /** [n, n] x [n, n], both operands ordinary secrets (a two-sided Beaver product). */
    static ProtocolCheck matmul(int n) {
        return new NamedCheck("matmul", s -> {
            Shape shape = Shape.of(n, n);
            LongTensor mine = randomFixed(s, shape, ArithmeticChecks.RANGE, s.fractionalBits());
            LongTensor x = share(s, 0, mine);
            LongTensor w = share(s, 1, mine);
            LongTensor z = s.online("matmul", () -> Arithmetic.matmul(s.party(), x, w));
            return matmulOutcome(s, mine, z, n, ArithmeticCosts.matmul(shape, shape));
        });
    }

    /**
     * [n, n] x [n, n] where the right operand is party 1's weight, shared before the online part under a fixed mask
     * (as {@code cryptorch run} shares a model's weights): the one-sided product, in which party 1 sends nothing.
     */
    static ProtocolCheck matmulWithWeight(int n) {
        return new NamedCheck("matmul_weight", s -> {
            Shape shape = Shape.of(n, n);
            LongTensor mine = randomFixed(s, shape, ArithmeticChecks.RANGE, s.fractionalBits());
            LongTensor x = share(s, 0, mine);
            // mask id 0 in both passes: party 1's values are sent in the clear for checking anyway
            Arithmetic.Operand w = Arithmetic.shareWithFixedMask(s.party(), 1, 0, s.id() == 1 ? mine : null, shape);
            LongTensor z = s.online("matmul", () -> Arithmetic.matmulOperands(s.party(),
                List.of(Arithmetic.Operand.fresh(x)), List.of(w)).get(0));
            return matmulOutcome(s, mine, z, n, ArithmeticCosts.matmul(shape, shape, ArithmeticCosts.FRESH, 1));
        });
    }

    /** Compares the product z of party 0's and party 1's {@code mine} with direct loops. */
    private static CheckOutcome matmulOutcome(PartySession s, LongTensor mine, LongTensor z, int n, Cost predicted) {
        long[] a = inputAt0(s, 0, mine);
        long[] b = inputAt0(s, 1, mine);
        long[] want = new long[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                long aik = a[i * n + k];
                for (int j = 0; j < n; j++) {
                    want[i * n + j] += aik * b[k * n + j];
                }
            }
        }
        return CheckOutcome.of(want.length, 0, maxAbsError(openAtParty0(s, z), want, 2 * s.fractionalBits()), 0,
            predicted);
    }

    /** [1, c, 32, 32] convolved with [c, c, 3, 3], stride 1, padding 1. */
    static ProtocolCheck conv2d(int c) {
        return new NamedCheck("conv2d", s -> {
            int f = s.fractionalBits();
            Shape image = Shape.of(1, c, IMAGE, IMAGE);
            Shape kernel = Shape.of(c, c, 3, 3);
            LongTensor mineX = randomFixed(s, image, ArithmeticChecks.RANGE, f);
            LongTensor mineW = randomFixed(s, kernel, ArithmeticChecks.RANGE, f);
            LongTensor x = share(s, 0, mineX);
            LongTensor w = share(s, 1, mineW);
            LongTensor z = s.online("conv2d", () -> Arithmetic.conv2d(s.party(), x, w, STRIDES, PADS, DILATIONS, 1));
            long[] want = directConv(inputAt0(s, 0, mineX), inputAt0(s, 1, mineW), c);
            return CheckOutcome.of(want.length, 0, maxAbsError(openAtParty0(s, z), want, 2 * f), 0,
                ArithmeticCosts.conv2d(image, kernel, STRIDES, PADS, DILATIONS, 1));
        });
    }

    /** Same-size 3x3 convolution by definition: zero outside the image. */
    private static long[] directConv(long[] img, long[] w, int c) {
        int hw = IMAGE * IMAGE;
        long[] out = new long[c * hw];
        for (int o = 0; o < c; o++) {
            for (int i = 0; i < c; i++) {
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        long wv = w[((o * c + i) * 3 + ky) * 3 + kx];
                        for (int y = 0; y < IMAGE; y++) {
                            int iy = y + ky - 1;
                            for (int x = 0; x < IMAGE; x++) {
                                int ix = x + kx - 1;
                                if (iy >= 0 && iy < IMAGE && ix >= 0 && ix < IMAGE) {
                                    out[o * hw + y * IMAGE + x] += wv * img[i * hw + iy * IMAGE + ix];
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
