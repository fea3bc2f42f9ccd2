package org.cryptorch.api;

import java.io.PrintStream;
import java.util.Locale;

/** Progress of a run in program ops done out of the total over all batches. */
public interface Progress {
    Progress NONE = (done, total) -> {
    };

    void update(long done, long total);

    /**
     * A one-line bar on {@code err} that appears only once the run has taken {@code delayMillis} and is redrawn at
     * most ten times a second; the last update ends the line.
     */
    static Progress bar(PrintStream err, String what, long delayMillis) {
        long start = System.nanoTime();
        long[] lastDraw = {0};
        boolean[] shown = {false};
        return (done, total) -> {
            long now = System.nanoTime();
            boolean finished = done >= total;
            if ((now - start) / 1_000_000 < delayMillis || (!finished && now - lastDraw[0] < 100_000_000L)) {
                return;
            }
            if (finished && !shown[0]) {
                return;
            }
            lastDraw[0] = now;
            shown[0] = true;
            int width = 30;
            int filled = total == 0 ? width : (int) (width * done / total);
            err.printf(Locale.ROOT, "\r%s [%s%s] %3d%% %.0f s", what, "#".repeat(filled), ".".repeat(width - filled),
                total == 0 ? 100 : 100 * done / total, (now - start) / 1e9);
            if (finished) {
                err.println();
            }
            err.flush();
        };
    }
}
