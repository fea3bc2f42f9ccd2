package org.cryptorch.mpc;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.cryptorch.net.InMemoryChannel;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * Runs every protocol of the online phase a few times on random data between two parties inside this process (an
 * in-memory channel and a local dealer with fresh seeds), so that the JIT has compiled their loops before a real
 * online phase is timed. A party process starts one while it connects, compiles and fetches correlations: without
 * it the first layers of a model run in the interpreter and C1, which costs a small model most of its online time.
 * Nothing of the real session is used or touched: no input, weight, seed or channel.
 */
public final class ProtocolWarmup {
    private static final int ELEMENTS = 1 << 14;
    private static final int MATRIX = 64;
    private static final int REPEATS = 4;
    private static final int[] COMPARISON_BITS = {12, 24, 40, 64};

    private ProtocolWarmup() {
    }

    /** Starts the warm-up on two daemon threads; the future completes when both simulated parties are done. */
    public static CompletableFuture<Void> start() {
        Correlations[] dealer = LocalDealer.pair();
        InMemoryChannel[] channels = InMemoryChannel.pair("warmup0", "warmup1");
        List<CompletableFuture<Void>> parties = List.of(0, 1).stream().map(id -> CompletableFuture.runAsync(
            () -> exercise(new Party(id, channels[id], dealer[id], 16)), ProtocolWarmup::daemon)).toList();
        return CompletableFuture.allOf(parties.toArray(CompletableFuture[]::new));
    }

    /** Waits for a started warm-up; its failure is reported as unchecked, since it never involves real data. */
    public static void await(CompletableFuture<Void> warmup) {
        try {
            warmup.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("protocol warm-up failed: " + e.getCause(), e.getCause());
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "protocol-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void exercise(Party p) {
        Prg random = new Prg(Prg.freshSeed());
        Shape flat = Shape.of(ELEMENTS);
        Shape square = Shape.of(MATRIX, MATRIX);
        LongTensor weight = new LongTensor(square, small(random.next(MATRIX * MATRIX)));
        Arithmetic.Operand w = Arithmetic.shareWithFixedMask(p, 1, 0, p.id() == 1 ? weight : null, square);
        for (int r = 0; r < REPEATS; r++) {
            LongTensor x = new LongTensor(flat, small(random.next(ELEMENTS)));
            LongTensor y = new LongTensor(flat, small(random.next(ELEMENTS)));
            LongTensor product = Arithmetic.mul(p, x, y);
            Arithmetic.truncate(p, product, p.fractionalBits(), Truncation.LOCAL);
            Arithmetic.truncate(p, Arithmetic.square(p, x), p.fractionalBits(), Truncation.DEALER);
            LongTensor a = new LongTensor(square, small(random.next(MATRIX * MATRIX)));
            Arithmetic.matmul(p, a, a);
            Arithmetic.matmulOperands(p, List.of(Arithmetic.Operand.fresh(a)), List.of(w));
            for (int bits : COMPARISON_BITS) {
                LongTensor below = Comparison.ltz(p, x, bits);
                Comparison.ltzTimes(p, x, bits, y);
                Comparison.relu(p, y, bits);
                Comparison.select(p, below, x, y);
            }
            Comparison.max(p, x.reshape(Shape.of(ELEMENTS / 128, 128)), 1, 24, true);
            Arithmetic.revealToBoth(p, x);
        }
    }

    /** Shares of values far inside every comparison width above (the smallest is 12 bits). */
    private static long[] small(long[] words) {
        for (int i = 0; i < words.length; i++) {
            words[i] >>= 60;
        }
        return words;
    }
}
