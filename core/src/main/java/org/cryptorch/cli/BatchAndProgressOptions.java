package org.cryptorch.cli;

import org.cryptorch.api.Progress;
import picocli.CommandLine.Option;

/** The batch size and progress bar options of every command that runs a model privately. */
final class BatchAndProgressOptions {
    @Option(names = "--batch", defaultValue = "0", paramLabel = "N",
        description = "samples per batch (default: the model's fixed batch size if its input declares one, else all"
            + " samples in one batch)")
    int batch;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    /** A bar on standard error that shows once a run has taken two seconds, or nothing when quiet. */
    Progress progress(String what) {
        return quiet ? Progress.NONE : Progress.bar(System.err, what, 2000);
    }
}
