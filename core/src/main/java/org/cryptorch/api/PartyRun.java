package org.cryptorch.api;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.cryptorch.tensor.Tensor;

/**
 * One party's side of a one-shot private run: a {@link PartySession} of one query on the input files. Each output's
 * receiver writes its outputs in one step at the end (a failed run leaves no output file), party 0 the statistics.
 */
final class PartyRun {
    private PartyRun() {
    }

    /**
     * What party {@code id} checks before it connects: the files it writes ({@link Preflight#files}) and the samples
     * of the inputs it owns, which it returns by name (empty if it owns none).
     */
    static Map<String, Tensor> checkBeforeConnecting(int id, Model model, RunOptions options) {
        Preflight.files(options, true, id == 0 && options.stats() != null);
        Map<String, Tensor> mine = CrypTorch.readSamples(options.inputFilesOf(id, model));
        options.outputFilesOf(id, model);
        model.checkTypes(mine);
        model.checkSomeShapes(Samples.shapes(mine), options.batch());
        return mine;
    }

    /**
     * Runs party {@code id}'s side over {@code links} on {@code mine} (from {@link #checkBeforeConnecting}); returns
     * the statistics at party 0, null at party 1.
     */
    static RunStats run(int id, Model model, RunOptions options, Map<String, Tensor> mine, Links links,
                        Progress progress) throws IOException {
        try (PartySession session = new PartySession(id, model, options, links, new HashMap<>(), 0, progress)) {
            PartySession.Query q;
            if (session.drives()) {
                q = session.run(mine);
                session.end();
            } else {
                q = session.next(mine);
                if (q == null) {
                    throw new IllegalStateException("party" + (1 - id) + " ended the run before its query");
                }
                if (session.next(Map.of()) != null) {
                    throw new IllegalStateException("party" + (1 - id) + " sent a second query in a one-shot run");
                }
            }
            CrypTorch.writeOutputs(options.outputFilesOf(id, model), q.outputs());
            if (q.stats() != null && options.stats() != null) {
                q.stats().write(options.stats());
            }
            return q.stats();
        }
    }
}
