package org.cryptorch.mpc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudo-random generator: AES-128 in counter mode under a 16-byte seed. Two parties holding the same seed draw the
 * same stream, which is how the dealer compresses correlated randomness. Not thread-safe.
 */
public final class Prg {
    /** Chunk size for AES calls: above 64 KiB JDK 17's CTR intrinsic may never kick in. */
    private static final int CHUNK_BYTES = 64 * 1024;

    private final byte[] seed;
    private final long stream;
    private final Cipher cipher;
    /** Words drawn so far: where a {@link #copy} continues. */
    private long words;
    private final byte[] zeros = new byte[CHUNK_BYTES];
    private final byte[] out = new byte[CHUNK_BYTES];
    private final ByteBuffer view = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);

    public Prg(byte[] seed) {
        this(seed, 0);
    }

    /**
     * Stream number {@code stream} under {@code seed}: the counter starts at stream * 2^64 blocks, so distinct
     * streams never overlap in practice (stream 0 is the ordinary stream of {@link #Prg(byte[])}). Fixed masks use
     * one stream each, so they can be regenerated at any time without disturbing the ordinary stream.
     */
    public Prg(byte[] seed, long stream) {
        this(seed, stream, 0);
    }

    /** Stream {@code stream} under {@code seed}, from its block {@code block} on (the counter's low 64 bits). */
    private Prg(byte[] seed, long stream, long block) {
        if (seed.length != 16) {
            throw new IllegalArgumentException("PRG seed must be 16 bytes, got " + seed.length);
        }
        this.seed = seed.clone();
        this.stream = stream;
        this.words = 2 * block;
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"), new IvParameterSpec(
                ByteBuffer.allocate(16).putLong(stream).putLong(block).array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR is not available in this JDK", e);
        }
    }

    /**
     * An independent generator at this one's position: it draws what this one would draw next, and drawing from
     * either leaves the other where it was (the dealer generates ahead on a copy and adopts it only if party 1 asks
     * for what was generated).
     */
    public Prg copy() {
        Prg c = new Prg(seed, stream, words / 2); // a 16-byte AES block holds two words
        if (words % 2 == 1) {
            c.next(1);
        }
        return c;
    }

    /** A fresh 16-byte seed from the system's secure random source. */
    public static byte[] freshSeed() {
        byte[] s = new byte[16];
        new SecureRandom().nextBytes(s);
        return s;
    }

    /** Fills {@code dst[off, off+len)} with uniformly random 64-bit words. */
    public void fill(long[] dst, int off, int len) {
        int done = 0;
        while (done < len) {
            int n = Math.min(len - done, CHUNK_BYTES / 8);
            try {
                cipher.update(zeros, 0, n * 8, out, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            view.clear();
            view.asLongBuffer().get(dst, off + done, n);
            done += n;
        }
        words += len;
    }

    public long[] next(int len) {
        long[] r = new long[len];
        fill(r, 0, len);
        return r;
    }
}
