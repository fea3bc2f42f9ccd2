package org.cryptorch.passes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.cryptorch.ir.Graph;

/**
 * Runs an ordered list of passes round after round until a whole round changes nothing (a fixed point). After
 * every pass that changed the graph it restores topological order, drops dead nodes and calls the refresh hook
 * (shape inference in the standard pipeline), so the next pass sees a consistent, fully typed graph.
 */
public final class PassManager {
    private final List<Pass> passes;
    private final int maxRounds;
    private final Consumer<Graph> refresh;

    public PassManager(List<Pass> passes, int maxRounds, Consumer<Graph> refresh) {
        if (maxRounds < 1) {
            throw new IllegalArgumentException("maxRounds must be at least 1, got " + maxRounds);
        }
        this.passes = List.copyOf(passes);
        this.maxRounds = maxRounds;
        this.refresh = refresh;
    }

    public PassManager(List<Pass> passes, int maxRounds) {
        this(passes, maxRounds, g -> { });
    }

    /**
     * Runs to a fixed point and returns the names of the passes that changed something, in the order they did.
     *
     * @throws IllegalStateException when the last allowed round still changed the graph (passes that undo each
     *     other, or a pipeline too long for the cap)
     */
    public List<String> run(Graph g) {
        List<String> applied = new ArrayList<>();
        for (int round = 0; round < maxRounds; round++) {
            List<String> changedThisRound = new ArrayList<>();
            for (Pass p : passes) {
                if (p.run(g)) {
                    g.sortTopologically(); // dead-node removal relies on topological order
                    g.removeDeadNodes();
                    refresh.accept(g);
                    changedThisRound.add(p.name());
                }
            }
            if (changedThisRound.isEmpty()) {
                return applied;
            }
            applied.addAll(changedThisRound);
        }
        throw new IllegalStateException("passes did not reach a fixed point within " + maxRounds
            + " rounds; the last rounds applied " + applied.subList(Math.max(0, applied.size() - passes.size()),
            applied.size()));
    }
}
