package org.cryptorch.passes;

import org.cryptorch.ir.Graph;

/** One graph rewrite. Passes are small and local; the {@link PassManager} repeats them until none applies. */
public interface Pass {
    /** Short name for logs and error messages, e.g. {@code fuse-gelu}. */
    String name();

    /** Rewrites {@code g} in place and returns whether anything changed. */
    boolean run(Graph g);
}
