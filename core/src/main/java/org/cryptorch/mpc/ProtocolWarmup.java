package org.cryptorch.mpc;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.cryptorch.net.InMemoryChannel;
import org.cryptorch.tensor.FixedPoint;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * Runs every protocol of the online phase a few times on random data between two parties inside this process (an
 * in-memory channel and a local dealer with fresh seeds), with the fixed-point encoding and the TLS record cipher,
 * so that the JIT has compiled their loops before a real online phase is timed. A party process starts one while it connects, compiles and fetches correlations: without
 * it the first layers of a model run in the interpreter and C1, which costs a small model most of its online time.
 * Nothing of the real session is used or touched: no input, weight, seed or channel.
 */
public final class ProtocolWarmup {
    private static final int ELEMENTS = 1 << 16;
    private static final int MATRIX = 64;
    private static final int REPEATS = 6;
    /** A full TLS record's plaintext, and how many of them warm the record cipher. */
    private static final int RECORD_BYTES = 1 << 14;
    private static final int RECORDS = 3000;
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
                Comparison.relu(p, y, bits); // the sign times a secret: the code of a comparison-product too
                Comparison.select(p, below, x, y);
            }
            Comparison.max(p, x.reshape(Shape.of(ELEMENTS / 128, 128)), 1, 24, true);
            Arithmetic.revealToBoth(p, x);
            FixedPoint.decode(FixedPoint.encode(FixedPoint.decode(x, p.fractionalBits()), p.fractionalBits()),
                p.fractionalBits());
        }
        if (p.id() == 0) {
            sealRecords(); // once per process: party 0's thread, while party 1's finishes its protocols
        }
    }

    /**
     * Seals and opens {@link #RECORDS} TLS-sized records with AES-GCM under a throw-away key. TLS protects every
     * frame with this JDK GCM code, record by record; measured here, it runs at ~40 MB/s until some 3000 records
     * have gone through it (GHASH before C2 has compiled it with its intrinsic) and at ~2 GB/s after, so without
     * this the first tens of megabytes of a run's online phase wait for the JIT.
     */
    private static void sealRecords() {
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
            byte[] nonce = new byte[12];
            byte[] record = new byte[RECORD_BYTES];
            byte[] sealed = new byte[RECORD_BYTES + 16];
            for (int i = 0; i < RECORDS; i++) {
                nonce[0] = (byte) i;
                nonce[1] = (byte) (i >> 8);
                gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                int n = gcm.doFinal(record, 0, RECORD_BYTES, sealed, 0);
                gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                gcm.doFinal(sealed, 0, n, record, 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing or broken in this JVM", e);
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
