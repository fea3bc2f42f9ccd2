package org.cryptorch.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

class ObjectiveTest {
    private static final FloatTensor OUT = FloatTensor.of(Shape.of(3, 2), 2, 0, 0, 1, 1, 3);
    private static final long[] LABELS = {0, 0, 1};

    @Test
    void accuracyAndCrossEntropyUseLabels() {
        assertThat(Objective.withLabels(Metric.ACCURACY, LABELS).score(OUT)).isEqualTo(2.0 / 3);
        // -log softmax: row 0 picks 2 of (2,0); row 1 picks 0 of (0,1); row 2 picks 3 of (1,3)
        double expected = (Math.log(1 + Math.exp(-2)) + Math.log(1 + Math.exp(1)) + Math.log(1 + Math.exp(-2))) / 3;
        assertThat(Objective.withLabels(Metric.LOSS, LABELS).score(OUT)).isEqualTo(expected, offset(1e-12));
    }

    @Test
    void errorMetricsCompareWithFloatOutputs() {
        FloatTensor ref = FloatTensor.of(Shape.of(3, 2), 2, 0, 0, 1, 1, 2);
        assertThat(Objective.againstFloat(Metric.MAE, ref).score(OUT)).isEqualTo(1.0 / 6, offset(1e-15));
        assertThat(Objective.againstFloat(Metric.MAX_ABS, ref).score(OUT)).isEqualTo(1.0);
        // only row 2 differs: p = softmax(1,2), q = softmax(1,3)
        double p0 = 1 / (1 + Math.E);
        double q0 = 1 / (1 + Math.exp(2));
        double kl = p0 * Math.log(p0 / q0) + (1 - p0) * Math.log((1 - p0) / (1 - q0));
        assertThat(Objective.againstFloat(Metric.KL, ref).score(OUT)).isEqualTo(kl / 3, offset(1e-12));
        assertThat(Objective.againstFloat(Metric.KL, ref).score(ref)).isEqualTo(0.0, offset(1e-15));
    }

    @Test
    void theFirstSamplesScoreTheirOwnRowsOnly() {
        FloatTensor ref = FloatTensor.of(Shape.of(3, 2), 2, 0, 0, 1, 1, 2);
        FloatTensor firstTwo = OUT.slice(0, 0, 2, 1);
        // rows 0 and 1 of OUT match ref exactly; the difference is in row 2
        assertThat(Objective.againstFloat(Metric.MAE, ref).firstSamples(2, 3).score(firstTwo)).isEqualTo(0.0);
        // labels 0, 0: row 0 is right, row 1 is wrong
        assertThat(Objective.withLabels(Metric.ACCURACY, LABELS).firstSamples(2, 3).score(firstTwo)).isEqualTo(0.5);
    }

    @Test
    void mismatchesAreClearErrors() {
        assertThatThrownBy(() -> Objective.withLabels(Metric.ACCURACY, new long[] {0}).score(OUT))
            .hasMessageContaining("1 labels for 3 output rows");
        assertThatThrownBy(() -> Objective.withLabels(Metric.ACCURACY, new long[] {0, 0, 7}).score(OUT))
            .hasMessageContaining("label 7 of sample 2");
        assertThatThrownBy(() -> Objective.withLabels(Metric.MAE, LABELS)).hasMessageContaining("float outputs");
        assertThatThrownBy(() -> Objective.againstFloat(Metric.ACCURACY, OUT)).hasMessageContaining("needs labels");
        assertThatThrownBy(() -> Objective.againstFloat(Metric.MAE, FloatTensor.zeros(Shape.of(6))).score(OUT))
            .hasMessageContaining("float outputs of shape");
    }
}
