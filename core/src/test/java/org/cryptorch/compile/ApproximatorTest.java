package org.cryptorch.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.cryptorch.approx.Primitives;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.junit.jupiter.api.Test;

/** The approximate stage: each planned site becomes primitives named after it; an unplanned one is refused. */
class ApproximatorTest {
    @Test
    void replacesEachSiteByPrimitivesNamedAfterIt() {
        Graph g = StageGraphs.reluLayer();
        GraphCleanup.pruneAndInfer(g, Map.of());
        String site = g.nodes().get(1).name();

        Approximator.approximate(g, StageGraphs.defaultPlan(StageGraphs.reluLayer()));

        assertThat(g.nodes()).extracting(Node::opType).doesNotContain("Relu").contains(Primitives.LTZ);
        assertThat(g.nodes()).allMatch(n -> Primitives.isPrimitive(n.opType()));
        assertThat(g.nodes().subList(1, g.nodes().size())).allMatch(n -> Approximator.siteOf(n.name()).equals(site)
            && n.name().startsWith(site + Approximator.SITE_SEPARATOR));
    }

    @Test
    void refusesASiteThePlanDoesNotCover() {
        Graph g = StageGraphs.reluLayer();
        GraphCleanup.pruneAndInfer(g, Map.of());
        assertThatThrownBy(() -> Approximator.approximate(g, Plan.of(List.of())))
            .hasMessageContaining("(Relu) needs an approximation (comparison with zero) but the plan has none");
    }
}
