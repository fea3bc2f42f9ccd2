package org.cryptorch.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cryptorch.approx.Approximations;
import org.cryptorch.approx.Choice;
import org.cryptorch.approx.KnobValues;
import org.cryptorch.compile.Plan;
import org.junit.jupiter.api.Test;

class CandidateCatalogTest {
    private static List<String> approximations(String op, String base, boolean offerLossy) {
        return CandidateCatalog.around(op, new Choice(base, KnobValues.empty()), offerLossy).stream()
            .map(Choice::approximation).distinct().toList();
    }

    @Test
    void lossyStandInsAreOfferedOnlyWhenTheBudgetAllowsALoss() {
        assertThat(Approximations.get("gelu.relu").lossy()).isTrue();
        assertThat(Approximations.get("gelu.even").lossy()).isFalse();
        assertThat(Approximations.get("relu.ltz").lossy()).as("exact ReLU").isFalse();
        assertThat(approximations("Gelu", "gelu.even", true)).contains("gelu.relu", "gelu.puma", "gelu.piecewise");
        assertThat(approximations("Gelu", "gelu.even", false)).contains("gelu.piecewise")
            .doesNotContain("gelu.relu", "gelu.puma");
        assertThat(approximations("Silu", "silu.even", false)).doesNotContain("silu.relu");
        // from any base: the other approximations of the op are offered at their defaults, except lossy ones
        assertThat(CandidateCatalog.around("Silu", new Choice("silu.sigmoid", KnobValues.empty()), false))
            .extracting(Choice::approximation).doesNotContain("silu.relu");
    }
}
