package org.cryptorch.cli;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as a request to stop a service gracefully: the handler runs {@code stop} (finish the running
 * query, refuse new ones) and the command then returns normally, so the process exits 0 rather than with the
 * signal's status.
 */
final class Termination {
    private Termination() {
    }

    static void onSignal(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> stop.run());
        }
    }
}
