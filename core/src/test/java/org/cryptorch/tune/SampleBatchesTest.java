package org.cryptorch.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SampleBatchesTest {
    private static FloatTensor samples(int n) {
        double[] d = new double[n * 2];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        return new FloatTensor(Shape.of(n, 2), d);
    }

    @Test
    void aFixedFirstDimensionRunsThatManySamplesAtATimeAndJoinsTheOutputsInOrder() {
        SampleBatches b = SampleBatches.of(samples(6), new int[] {2, 2}, "--calib");
        assertThat(b.batchShape()).isEqualTo(Shape.of(2, 2));
        List<Map<String, Tensor>> inputs = b.inputs("x");
        assertThat(inputs).hasSize(3);
        assertThat(((FloatTensor) inputs.get(1).get("x")).data()).containsExactly(4, 5, 6, 7);
        // an "output" that doubles each batch comes back as the doubled samples, in sample order
        FloatTensor joined = SampleBatches.joined(inputs, in -> ((FloatTensor) in.get("x")).map(v -> 2 * v));
        assertThat(joined.shape()).isEqualTo(Shape.of(6, 2));
        assertThat(joined.data()).containsExactly(samples(6).map(v -> 2 * v).data());
    }

    @Test
    void leadingBatchesAreCountedInSamples() {
        List<Map<String, Tensor>> inputs = SampleBatches.of(samples(6), new int[] {2, 2}, "--calib").inputs("x");
        assertThat(SampleBatches.samples(inputs, 2)).isEqualTo(4);
        assertThat(SampleBatches.leadingHolding(inputs, 3)).isEqualTo(2);
        assertThat(SampleBatches.leadingHolding(inputs, 1)).isEqualTo(1);
        assertThat(SampleBatches.leadingHolding(inputs, 100)).isEqualTo(3);
        assertThat(SampleBatches.leadingHolding(List.of(), 8)).isZero();
    }

    @Test
    void aDynamicOrUnknownFirstDimensionTakesAllSamplesAsOneBatch() {
        assertThat(SampleBatches.of(samples(5), new int[] {-1, 2}, "--calib").inputs("x")).hasSize(1);
        assertThat(SampleBatches.of(samples(5), null, "--calib").batchShape()).isEqualTo(Shape.of(5, 2));
    }

    @Test
    void samplesThatDoNotFillTheFixedBatchesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> SampleBatches.of(samples(5), new int[] {2, 2}, "--holdout"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("--holdout has 5 samples").hasMessageContaining("fixed batches of 2");
    }
}
