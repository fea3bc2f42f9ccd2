package org.cryptorch.cli.approx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cryptorch.approx.Approximations;
import org.cryptorch.approx.KnobValues;
import org.cryptorch.mpc.ArithmeticCosts;
import org.cryptorch.mpc.ComparisonCosts;
import org.cryptorch.mpc.Cost;
import org.junit.jupiter.api.Test;

class CostEstimateTest {

    /** ReLU = one comparison, then one product of two secrets: rounds add up, bytes are the two formulas. */
    @Test
    void reluIsOneComparisonThenOneProduct() {
        int n = 4001;
        Cost ltz = ComparisonCosts.ltz(n, 24);
        Cost mul = ArithmeticCosts.mul(n);
        CostEstimate c = CostEstimate.of(Approximations.get("relu.ltz"), KnobValues.of(Map.of("bits", "24")));
        assertThat(c.rounds()).isEqualTo(ltz.rounds() + 1);
        assertThat(c.bytesPerElement()).isEqualTo((double) (ltz.bytesPerParty() + mul.bytesPerParty()) / n);
    }

    /** T squarings, each a square of a secret (8 bytes per element), nothing else without the clamp. */
    @Test
    void expLimitIsTSquarings() {
        CostEstimate c = CostEstimate.of(Approximations.get("exp.limit"),
            KnobValues.of(Map.of("iterations", "6", "clamp", "0")));
        assertThat(c.rounds()).isEqualTo(6);
        assertThat(c.bytesPerElement()).isEqualTo(6.0 * ArithmeticCosts.square(1).bytesPerParty());
    }

    /** The clamp's comparison runs beside the squarings; only its product lengthens the critical path. */
    @Test
    void clampComparisonIsOffTheCriticalPath() {
        CostEstimate c = CostEstimate.of(Approximations.get("exp.limit"),
            KnobValues.of(Map.of("iterations", "9", "clamp", "1", "bits", "64")));
        assertThat(c.rounds()).isEqualTo(9 + 1);
    }
}
