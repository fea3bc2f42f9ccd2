package org.cryptorch.api;

import java.io.PrintStream;
import java.util.Locale;

/** See {@link Progress#bar}. Updates may come from several threads. */
final class ProgressBar implements Progress {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;
    /** The bar whose line is drawn but not ended, if any. */
    private static ProgressBar open;

    private final PrintStream err;
    private final String what;
    private final long start = System.nanoTime();
    private final long delayNanos;
    private long lastDraw;
    private boolean shown;

    ProgressBar(PrintStream err, String what, long delayMillis) {
        this.err = err;
        this.what = what;
        this.delayNanos = delayMillis * 1_000_000L;
    }

    @Override
    public synchronized void update(long done, long total) {
        long now = System.nanoTime();
        boolean finished = done >= total;
        // A run that ends before the delay never shows a bar; one that is showing always gets its final line.
        if (now - start < delayNanos || (!finished && now - lastDraw < REDRAW_NANOS) || (finished && !shown)) {
            return;
        }
        lastDraw = now;
        shown = true;
        long percent = total <= 0 ? 100 : 100 * Math.min(done, total) / total;
        int filled = (int) (WIDTH * percent / 100);
        err.printf(Locale.ROOT, "\r%s [%s%s] %3d%% %.0f s", what, "#".repeat(filled), ".".repeat(WIDTH - filled),
            percent, (now - start) / 1e9);
        if (finished) {
            err.println();
        }
        err.flush();
        synchronized (ProgressBar.class) {
            open = finished ? null : this;
        }
    }

    static void endOpenLine() {
        ProgressBar bar;
        synchronized (ProgressBar.class) {
            bar = open;
            open = null;
        }
        if (bar != null) {
            synchronized (bar) {
                bar.err.println();
                bar.err.flush();
                bar.shown = false;          // a late update draws no more: the bar is over
                bar.lastDraw = Long.MAX_VALUE;
            }
        }
    }
}
