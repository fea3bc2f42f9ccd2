package org.cryptorch.compile;

import java.util.function.Supplier;

/** Told after each {@link Stage} of a compilation: its text dump (made only if asked for) and how long it took. */
@FunctionalInterface
public interface StageHook {
    /** Ignores every stage. */
    StageHook NONE = (stage, dump, nanos) -> {
    };

    /**
     * @param dump  the graph (after the graph stages) or the instructions (after the others), as text
     * @param nanos the stage's wall-clock time
     */
    void after(Stage stage, Supplier<String> dump, long nanos);
}
