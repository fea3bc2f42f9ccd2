package org.cryptorch.passes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.GraphPrinter;
import org.cryptorch.ir.Value;
import org.junit.jupiter.api.Test;

class PassManagerTest {
    /** Changes the graph a fixed number of times, then reports no change. */
    private static final class CountdownPass implements Pass {
        private int remaining;

        CountdownPass(int times) {
            remaining = times;
        }

        @Override
        public String name() {
            return "countdown";
        }

        @Override
        public boolean run(Graph g) {
            return remaining-- > 0;
        }
    }

    private static Pass named(String name, boolean changes) {
        return new Pass() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean run(Graph g) {
                return changes;
            }
        };
    }

    @Test
    void runsRoundsUntilNothingChanges() {
        List<Graph> refreshed = new ArrayList<>();
        PassManager pm = new PassManager(List.of(new CountdownPass(3), named("idle", false)), 10, refreshed::add);
        List<String> applied = pm.run(new Graph());
        assertThat(applied).containsExactly("countdown", "countdown", "countdown");
        assertThat(refreshed).hasSize(3);
    }

    @Test
    void capOnRoundsReportsThePassesStillChanging() {
        PassManager pm = new PassManager(List.of(named("flip", true), named("idle", false)), 4);
        assertThatThrownBy(() -> pm.run(new Graph()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("within 4 rounds")
            .hasMessageContaining("flip")
            .hasMessageNotContaining("idle");
    }

    @Test
    void dropsNodesMadeDeadByAPass() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 2);
        Value relu = g.op("Relu", x);
        g.addOutput(g.op("Neg", relu));
        Pass bypassNeg = new Pass() {
            @Override
            public String name() {
                return "bypass";
            }

            @Override
            public boolean run(Graph graph) {
                if (graph.outputs().get(0).producer().opType().equals("Neg")) {
                    graph.setOutput(0, relu);
                    return true;
                }
                return false;
            }
        };
        new PassManager(List.of(bypassNeg), 3).run(g);
        assertThat(GraphPrinter.opCounts(g)).containsOnlyKeys("Relu");
    }

    @Test
    void rejectsANonPositiveCap() {
        assertThatThrownBy(() -> new PassManager(List.of(), 0)).hasMessageContaining("maxRounds");
    }
}
