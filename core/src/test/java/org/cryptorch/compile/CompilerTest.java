package org.cryptorch.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Graph;
import org.junit.jupiter.api.Test;

/** The stages run once each, in the order {@link Stage} lists them, and the hook changes nothing. */
class CompilerTest {
    @Test
    void tellsTheHookAfterEveryStageInOrderWithItsDump() {
        Graph g = StageGraphs.reluLayer();
        List<Stage> seen = new ArrayList<>();
        List<String> dumps = new ArrayList<>();
        Program hooked = Compiler.compile(g, Map.of("x", StageGraphs.X), StageGraphs.defaultPlan(g),
            CompileOptions.defaults(), null, (stage, dump, nanos) -> {
                seen.add(stage);
                dumps.add(dump.get());
                assertThat(nanos).isPositive();
            });

        assertThat(seen).containsExactly(Stage.values());
        assertThat(dumps.get(Stage.APPROXIMATE.ordinal())).contains("= Ltz(").doesNotContain("= Relu(");
        assertThat(dumps.get(Stage.LOWER.ordinal())).contains("= ltz(", "= mul(", "setup s1 = weight() [4, 3] scale 16  # W");
        assertThat(dumps.get(Stage.FUSE_COMPARISON_PRODUCTS.ordinal())).contains("= ltz_times(")
            .doesNotContain("= ltz(");
        assertThat(dumps.get(Stage.SCHEDULE.ordinal())).contains("ltz_times x1: ", "total: ");
        Program plain = Compiler.compile(g, Map.of("x", StageGraphs.X), StageGraphs.defaultPlan(g),
            CompileOptions.defaults(), null);
        assertThat(hooked.listing()).isEqualTo(plain.listing());
    }

    @Test
    void namesEveryStageAndRefusesAnUnknownName() {
        assertThat(Stage.labels()).containsExactly("approximate", "linearize", "clamp-masks", "size-comparisons",
            "lower", "fuse-comparison-products", "schedule");
        Stage.labels().forEach(label -> assertThat(Stage.named(label).label()).isEqualTo(label));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Stage.named("fuse"))
            .hasMessage("no compiler stage named 'fuse'; stages are [approximate, linearize, clamp-masks, "
                + "size-comparisons, lower, fuse-comparison-products, schedule]");
    }
}
