package org.cryptorch.bench;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.cryptorch.mpc.Comparison;
import org.cryptorch.mpc.ComparisonRecipes;
import org.cryptorch.mpc.DealerEngine;
import org.cryptorch.mpc.Prg;
import org.cryptorch.mpc.Recipe;
import org.cryptorch.tensor.LongTensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Local compute of the secret comparison on 2^20 elements of 64 bits: the online phase of ltz and ReLU between two
 * parties in one process ({@link TwoPartyState}, correlations prefetched before each invocation), and the
 * dealer's work for the same comparisons (party 1's corrections, as {@link DealerEngine} makes them).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ComparisonBenchmark {
    private static final int ELEMENTS = 1 << 20;
    private static final int BITS = 64;

    @State(Scope.Benchmark)
    public static class Ltz extends TwoPartyState {
        @Setup(Level.Trial)
        public void setUp() {
            start(ELEMENTS);
        }

        @Setup(Level.Invocation)
        public void offline() {
            prefetch(ComparisonRecipes.comparison(ELEMENTS, BITS, false));
        }
    }

    @State(Scope.Benchmark)
    public static class Relu extends TwoPartyState {
        @Setup(Level.Trial)
        public void setUp() {
            start(ELEMENTS);
        }

        @Setup(Level.Invocation)
        public void offline() {
            prefetch(ComparisonRecipes.comparison(ELEMENTS, BITS, true));
        }
    }

    @State(Scope.Benchmark)
    public static class Dealer {
        final DealerEngine engine = new DealerEngine(Prg.freshSeed(), Prg.freshSeed());
        final List<Recipe> ltz = ComparisonRecipes.comparison(ELEMENTS, BITS, false);
        final List<Recipe> relu = ComparisonRecipes.comparison(ELEMENTS, BITS, true);
    }

    @Benchmark
    public LongTensor ltz1M(Ltz s) throws InterruptedException, ExecutionException {
        return s.run(p -> Comparison.ltz(p, s.x[p.id()], BITS));
    }

    @Benchmark
    public LongTensor relu1M(Relu s) throws InterruptedException, ExecutionException {
        return s.run(p -> Comparison.relu(p, s.x[p.id()], BITS));
    }

    @Benchmark
    public long dealerLtz1M(Dealer s) {
        return corrections(s.engine, s.ltz);
    }

    @Benchmark
    public long dealerRelu1M(Dealer s) {
        return corrections(s.engine, s.relu);
    }

    private static long corrections(DealerEngine engine, List<Recipe> recipes) {
        long sum = 0;
        for (Recipe r : recipes) {
            for (long[] c : engine.corrections(r)) {
                sum += c[0];
            }
        }
        return sum;
    }
}
