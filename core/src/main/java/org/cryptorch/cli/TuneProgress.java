package org.cryptorch.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.cryptorch.tune.Evaluated;

/**
 * The tuner's progress on stderr: notes on their own line, and one self-overwriting line counting evaluations
 * (the total is not known in advance: strategies stop when no move fits the budget, so the bar cycles).
 */
final class TuneProgress {
    private final PrintWriter err;
    private final boolean quiet;
    private final long start = System.nanoTime();
    private int evaluations;

    TuneProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    void note(String line) {
        if (!quiet) {
            err.println(line);
            err.flush();
        }
    }

    void evaluated(Evaluated e) {
        evaluations++;
        if (!quiet) {
            int filled = evaluations % 21;
            err.printf(Locale.ROOT, "\rtuning [%s%s] %d evaluations, %.0f s, last: metric %.4f at %.4f s   ",
                "#".repeat(filled), ".".repeat(20 - Math.min(20, filled)), evaluations,
                (System.nanoTime() - start) / 1e9, e.metric(), e.seconds());
            err.flush();
        }
    }

    void done() {
        if (!quiet && evaluations > 0) {
            err.println();
            err.flush();
        }
    }
}
