package org.cryptorch.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Compiler;
import org.cryptorch.compile.Program;
import org.cryptorch.compile.Step;
import org.cryptorch.ir.Graph;
import org.cryptorch.tensor.FloatTensor;
import org.junit.jupiter.api.Test;

/** The warm-up prefix: what it covers, that it reveals nothing, and that running it leaves a run unchanged. */
class WarmupPrefixTest {
    private final Graph graph = TestModels.mlp(4, 1);
    private final FloatTensor x = TestModels.randomTensor(new Random(2), 1.0, 4, 8);
    private final Program program = Compiler.compile(graph, Map.of("x", x.shape()), TestModels.reluPlan(graph),
        CompileOptions.defaults(), null);

    @Test
    void prefixHoldsEveryOpAndNoOutputAndStopsAtAQuarterOnceItDoes() {
        int k = WarmupPrefix.of(program);
        List<Step> steps = program.steps();
        List<Step> beforeOutput = steps.stream().takeWhile(s -> !WarmupPrefix.reveals(s)).toList();
        assertThat(k).isPositive().isLessThanOrEqualTo(beforeOutput.size());
        Set<String> ops = new HashSet<>();
        beforeOutput.forEach(s -> ops.add(WarmupPrefix.op(s)));
        Set<String> inPrefix = new HashSet<>();
        steps.subList(0, k).forEach(s -> inPrefix.add(WarmupPrefix.op(s)));
        assertThat(inPrefix).isEqualTo(ops);
        // beyond a quarter of the steps only to reach an op (or kind) seen nowhere earlier
        if (k > beforeOutput.size() / 4) {
            Set<String> earlier = new HashSet<>();
            steps.subList(0, k - 1).forEach(s -> earlier.add(WarmupPrefix.kind(s)));
            assertThat(earlier).doesNotContain(WarmupPrefix.kind(steps.get(k - 1)));
        }
    }

    @Test
    void aRunAfterTheWarmUpGivesTheSameOutputs() {
        FloatTensor cold = run(false);
        FloatTensor warm = run(true);
        assertThat(warm.data()).containsExactly(cold.data());
    }

    @Test
    void aPrefixThatWouldRevealAnOutputIsRefused() {
        Interpreter in = new Interpreter(program, new PlainBackend(program.fractionalBits()));
        assertThatThrownBy(() -> in.warmUp(Map.of("x", x), program.steps().size()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("would reveal an output");
    }

    private FloatTensor run(boolean warmUpFirst) {
        Interpreter in = new Interpreter(program, new PlainBackend(program.fractionalBits()));
        if (warmUpFirst) {
            in.warmUp(Map.of("x", TestModels.randomTensor(new Random(9), 1.0, 4, 8)), WarmupPrefix.of(program));
        }
        return in.run(Map.of("x", x)).outputs().values().iterator().next();
    }
}
