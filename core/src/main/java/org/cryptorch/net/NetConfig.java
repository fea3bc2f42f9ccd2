package org.cryptorch.net;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How one process talks to its peers.
 *
 * @param self           this process's identity ("party0", "party1", "dealer"), sent in the hello and used in errors
 * @param keyDir         directory written by {@code cryptorch keygen} (own keystore + peers' certificates), or null
 *                       for plaintext TCP
 * @param timeout        longest wait for a message, a stalled send, or a hello reply (default 60 s)
 * @param connectTimeout how long to keep retrying a connect, or to wait for expected peers to connect (default 60 s)
 * @param maxFrameBytes  largest frame payload accepted; larger announced lengths are treated as malformed
 */
public record NetConfig(String self, Path keyDir, Duration timeout, Duration connectTimeout, long maxFrameBytes) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** The longest timeout: a day (socket timeouts are int milliseconds, and nobody waits longer for one message). */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(1);
    public static final long DEFAULT_MAX_FRAME_BYTES = 1L << 30;
    /** Byte frames are Java arrays, so no frame can exceed this. */
    public static final long MAX_FRAME_BYTES_LIMIT = Integer.MAX_VALUE - 8;

    public NetConfig {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (self.isBlank() || self.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("identity must be a non-empty word, got '" + self + "'");
        }
        checkTimeout("timeout", timeout);
        checkTimeout("connect timeout", connectTimeout);
        if (maxFrameBytes < 0 || maxFrameBytes > MAX_FRAME_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxFrameBytes must be in [0, " + MAX_FRAME_BYTES_LIMIT + "], got "
                + maxFrameBytes);
        }
    }

    /**
     * Refuses a timeout that is not positive or exceeds {@link #MAX_TIMEOUT}, naming it as {@code what} (the option
     * or file field the user set).
     */
    public static void checkTimeout(String what, Duration t) {
        if (t.isNegative() || t.isZero() || t.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(what + " must be in [1, " + MAX_TIMEOUT.toSeconds() + "] seconds, got "
                + (t.toMillis() % 1000 == 0 ? t.toSeconds() + "" : t.toMillis() / 1000.0 + ""));
        }
    }

    /** Mutual TLS 1.3 with the pinned certificates in {@code keyDir} (the default mode). */
    public static NetConfig tls(String self, Path keyDir) {
        return new NetConfig(self, Objects.requireNonNull(keyDir, "keyDir"), DEFAULT_TIMEOUT, DEFAULT_TIMEOUT,
            DEFAULT_MAX_FRAME_BYTES);
    }

    /** Unencrypted, unauthenticated TCP: only for loopback tests and trusted networks. */
    public static NetConfig plaintext(String self) {
        return new NetConfig(self, null, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_MAX_FRAME_BYTES);
    }

    public boolean tlsEnabled() {
        return keyDir != null;
    }

    public NetConfig withTimeout(Duration t) {
        return new NetConfig(self, keyDir, t, connectTimeout, maxFrameBytes);
    }

    public NetConfig withConnectTimeout(Duration t) {
        return new NetConfig(self, keyDir, timeout, t, maxFrameBytes);
    }

    public NetConfig withMaxFrameBytes(long max) {
        return new NetConfig(self, keyDir, timeout, connectTimeout, max);
    }
}
