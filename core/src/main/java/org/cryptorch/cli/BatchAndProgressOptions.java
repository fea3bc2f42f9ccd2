package org.cryptorch.cli;

import java.io.Console;
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

    /**
     * A bar on standard error that shows once a run has taken two seconds; nothing when quiet or when standard error
     * is no terminal (a log would fill with carriage-return updates).
     */
    Progress progress(String what) {
        return quiet || !onTerminal() ? Progress.NONE : Progress.bar(System.err, what, 2000);
    }

    /**
     * Whether this process runs on a terminal: {@code Console.isTerminal()} (JDK 22+, where {@code System.console()}
     * exists even when the streams are redirected; called reflectively, as the build targets Java 21), else whether
     * there is a console at all.
     */
    static boolean onTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
