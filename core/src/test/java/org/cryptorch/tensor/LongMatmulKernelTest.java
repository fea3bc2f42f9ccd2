package org.cryptorch.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The blocked vector kernel and the parallel split against the scalar reference, across block and tile edges. */
class LongMatmulKernelTest {
    private final Random rnd = new Random(5);

    private void check(int m, int k, int n) {
        long[] a = Coords.randomLong(rnd, m, k).data();
        long[] b = Coords.randomLong(rnd, k, n).data();
        long[] expected = new long[m * n + 3];
        long[] actual = new long[m * n + 3];
        actual[0] = 99;
        actual[m * n + 2] = 42;
        expected[0] = 99;
        expected[m * n + 2] = 42;
        LongMatmul.reference(a, 0, b, 0, expected, 1, m, k, n);
        LongMatmul.multiply(a, 0, b, 0, actual, 1, m, k, n);
        assertThat(actual).as("%dx%dx%d", m, k, n).containsExactly(expected);
    }

    @Test
    void blockedKernelMatchesReference() {
        check(1, 1, 16);
        check(4, 3, 16);
        check(5, 17, 17);
        check(7, 0, 20);
        check(3, 257, 31);
        check(13, 300, 300);
        check(2, 5, 7);
        check(1, 300, 45);
        check(9, 40, 3);
        check(0, 4, 20);
    }

    @Test
    void parallelSplitsMatchSequential() {
        LongTensor a = Coords.randomLong(rnd, 130, 300);
        LongTensor b = Coords.randomLong(rnd, 300, 90);
        long[] expected = new long[130 * 90];
        LongMatmul.reference(a.data(), 0, b.data(), 0, expected, 0, 130, 300, 90);
        assertThat((long) 130 * 300 * 90).isGreaterThan(MatmulBatch.PARALLEL_MACS);
        assertThat(a.matmul(b).data()).containsExactly(expected);

        LongTensor batchA = Coords.randomLong(rnd, 5, 64, 80);
        LongTensor batchB = Coords.randomLong(rnd, 80, 64);
        LongTensor c = batchA.matmul(batchB);
        for (int t = 0; t < 5; t++) {
            long[] one = new long[64 * 64];
            LongMatmul.reference(batchA.data(), t * 64 * 80, batchB.data(), 0, one, 0, 64, 80, 64);
            long[] got = java.util.Arrays.copyOfRange(c.data(), t * 64 * 64, (t + 1) * 64 * 64);
            assertThat(got).containsExactly(one);
        }
    }
}
