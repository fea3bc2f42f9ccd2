package org.cryptorch.net;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Aborts sends that make no progress for longer than their channel's timeout. A blocking socket write has no
 * timeout of its own, so a peer that is alive but stopped reading (frozen process) would otherwise hang the sender
 * forever. One daemon thread serves all open channels; it exists only while at least one channel is open.
 */
final class SendWatchdog {
    private static final long PERIOD_MILLIS = 100;
    private static final Set<TcpChannel> CHANNELS = ConcurrentHashMap.newKeySet();
    private static ScheduledExecutorService timer;

    private SendWatchdog() {
    }

    static synchronized void register(TcpChannel channel) {
        CHANNELS.add(channel);
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cryptorch-send-watchdog");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(SendWatchdog::sweep, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    static synchronized void unregister(TcpChannel channel) {
        CHANNELS.remove(channel);
        if (CHANNELS.isEmpty() && timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    /** For tests: whether {@code channel} is watched. */
    static synchronized boolean watches(TcpChannel channel) {
        return CHANNELS.contains(channel);
    }

    private static void sweep() {
        long now = System.nanoTime();
        for (TcpChannel c : CHANNELS) {
            c.abortIfSendStalled(now);
        }
    }
}
