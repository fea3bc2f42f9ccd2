package org.cryptorch.api;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Waits until this JVM's JIT compilers have been idle for a moment (their accumulated compile time stopped growing),
 * up to a limit. A warm-up queues compilations that C2 works through in the background; started before they are
 * done, an online phase on a 2-core machine shares its cores with the compiler threads.
 */
final class JitQuiescence {
    private static final long POLL_MILLIS = 10;
    /** Polls in a row without new compile time that count as idle. */
    private static final int IDLE_POLLS = 5;
    private static final long LIMIT_MILLIS = 5_000;

    private JitQuiescence() {
    }

    /** Returns once the JIT has been idle for {@code IDLE_POLLS} polls, or after the limit; at once without a JIT. */
    static void await() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + LIMIT_MILLIS * 1_000_000;
        long last = jit.getTotalCompilationTime();
        int idle = 0;
        while (idle < IDLE_POLLS && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = jit.getTotalCompilationTime();
            idle = now == last ? idle + 1 : 0;
            last = now;
        }
    }
}
