package org.cryptorch.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * The small shared thread pool large tensor operations split their work over. Its size is the number of cores, or
 * the system property {@code cryptorch.tensor.threads} (1 makes every operation single-threaded, e.g. to benchmark
 * one core).
 */
final class Parallel {
    static final int THREADS = threadCount();

    private static final ForkJoinPool POOL = THREADS > 1 ? new ForkJoinPool(THREADS) : null;

    private Parallel() {
    }

    private static int threadCount() {
        String configured = System.getProperty("cryptorch.tensor.threads");
        if (configured == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(configured.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cryptorch.tensor.threads must be a positive integer, got '"
                    + configured + "'", e);
        }
    }

    /** Runs body(0) .. body(parts-1), concurrently when there are several parts and threads. */
    static void forEach(int parts, IntConsumer body) {
        if (parts <= 1 || POOL == null) {
            for (int i = 0; i < parts; i++) {
                body.accept(i);
            }
            return;
        }
        POOL.invoke(new RecursiveAction() {
            @Override
            protected void compute() {
                List<RecursiveAction> tasks = new ArrayList<>(parts);
                for (int i = 0; i < parts; i++) {
                    int part = i;
                    tasks.add(new RecursiveAction() {
                        @Override
                        protected void compute() {
                            body.accept(part);
                        }
                    });
                }
                ForkJoinTask.invokeAll(tasks);
            }
        });
    }
}
