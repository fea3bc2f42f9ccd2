package org.cryptorch.compile;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * SHA-256 over a sequence of typed fields, each length- or tag-prefixed so that different sequences never feed the
 * same bytes ("ab","c" and "a","bc" differ). The building block of {@link ProgramFingerprint}.
 */
final class ContentDigest {
    /** Hex digits of a printed hash: 64 bits, enough to tell settings apart (this is no defence against forgery). */
    static final int HEX_DIGITS = 16;

    private final MessageDigest sha;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);

    ContentDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    ContentDigest putLong(long v) {
        room(Long.BYTES);
        buffer.putLong(v);
        return this;
    }

    ContentDigest putString(String s) {
        byte[] b = s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
        putLong(s == null ? -1 : b.length);
        flush();
        sha.update(b);
        return this;
    }

    ContentDigest putInts(int[] values) {
        putLong(values.length);
        for (int v : values) {
            putLong(v);
        }
        return this;
    }

    ContentDigest putShape(Shape s) {
        return putInts(s.dims());
    }

    /** The tensor's type and shape, and its elements when {@code withValues}. */
    ContentDigest putTensor(Tensor t, boolean withValues) {
        putString(t.dtype().toString()).putShape(t.shape()).putLong(withValues ? 1 : 0);
        if (!withValues) {
            return this;
        }
        switch (t) {
            case LongTensor l -> {
                for (long v : l.data()) {
                    putLong(v);
                }
            }
            case FloatTensor f -> {
                for (double v : f.data()) {
                    putLong(Double.doubleToLongBits(v));
                }
            }
        }
        return this;
    }

    /** The first {@link #HEX_DIGITS} hex digits of the digest; the digest cannot be extended afterwards. */
    String hex() {
        flush();
        return HexFormat.of().formatHex(sha.digest()).substring(0, HEX_DIGITS);
    }

    private void room(int bytes) {
        if (buffer.remaining() < bytes) {
            flush();
        }
    }

    private void flush() {
        buffer.flip();
        sha.update(buffer);
        buffer.clear();
    }
}
