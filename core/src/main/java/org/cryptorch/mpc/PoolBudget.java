package org.cryptorch.mpc;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory cap on correlations the dealer generates ahead, shared by all its sessions: a session reserves the
 * bytes of the corrections it is about to generate ahead and releases them once they are sent or discarded.
 */
public final class PoolBudget {
    private final long capBytes;
    private final AtomicLong held = new AtomicLong();

    public PoolBudget(long capBytes) {
        if (capBytes < 0) {
            throw new IllegalArgumentException("the pool's memory cap must not be negative, got " + capBytes);
        }
        this.capBytes = capBytes;
    }

    /** Reserves {@code bytes} if they fit under the cap beside what is held; false (nothing reserved) if not. */
    boolean reserve(long bytes) {
        while (true) {
            long now = held.get();
            if (now + bytes > capBytes) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        held.addAndGet(-bytes);
    }

    /** Bytes of corrections held ahead now, by all sessions. */
    public long heldBytes() {
        return held.get();
    }

    public long capBytes() {
        return capBytes;
    }
}
