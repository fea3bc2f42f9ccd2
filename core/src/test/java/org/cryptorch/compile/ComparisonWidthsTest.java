package org.cryptorch.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cryptorch.approx.Primitives;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The size-comparisons stage: each comparison gets the largest |input| of the calibration samples. */
class ComparisonWidthsTest {
    @Test
    void recordsTheLargestInputOfEachComparisonOverTheSamples() {
        Graph g = StageGraphs.approximated(StageGraphs.reluLayer());
        List<Map<String, Tensor>> samples = List.of(
            Map.of("x", StageGraphs.sample(1, 0, 0, 0, 0, 0, 0, 0)),
            Map.of("x", StageGraphs.sample(0, 0, 0, 0, 0, 0, 0, -4)));

        ComparisonWidths.annotate(g, samples);

        Node ltz = g.nodes().stream().filter(n -> n.opType().equals(Primitives.LTZ)).findFirst().orElseThrow();
        // the second sample: -4 times row 3 of W, (0.5, -0.5, -0.25), gives (-2, 2, 1); the first stays below 1
        assertThat(ltz.floatAttr(ComparisonWidths.CALIBRATED_RANGE, -1)).isEqualTo(2.0);
        assertThat(ComparisonWidths.bits(2.0, 16)).isEqualTo(17 + ComparisonWidths.SAFETY_BITS);
    }

    @Test
    void leavesComparisonsAloneWithoutCalibration() {
        Graph g = StageGraphs.approximated(StageGraphs.reluLayer());
        ComparisonWidths.annotate(g, null);
        assertThat(g.nodes()).noneMatch(n -> n.has(ComparisonWidths.CALIBRATED_RANGE));
    }
}
