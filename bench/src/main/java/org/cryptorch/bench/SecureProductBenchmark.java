package org.cryptorch.bench;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.cryptorch.mpc.Arithmetic;
import org.cryptorch.mpc.ArithmeticRecipes;
import org.cryptorch.tensor.LongTensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Online time of the secure products between two parties in one process (see {@link TwoPartyState}): a
 * 512x512x512 matmul and an element-wise product of 2^20 elements. The dealer's correlations are prefetched before
 * each invocation, so only the online phase is timed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class SecureProductBenchmark {
    private static final int N = 512;
    private static final int ELEMENTS = 1 << 20;

    @State(Scope.Benchmark)
    public static class Matmul extends TwoPartyState {
        @Setup(Level.Trial)
        public void setUp() {
            start(N, N);
        }

        @Setup(Level.Invocation)
        public void offline() {
            prefetch(List.of(ArithmeticRecipes.matmulTriple(x[0].shape(), y[0].shape())));
        }
    }

    @State(Scope.Benchmark)
    public static class Mul extends TwoPartyState {
        @Setup(Level.Trial)
        public void setUp() {
            start(ELEMENTS);
        }

        @Setup(Level.Invocation)
        public void offline() {
            prefetch(List.of(ArithmeticRecipes.triple(ELEMENTS)));
        }
    }

    @Benchmark
    public LongTensor matmul512(Matmul s) throws InterruptedException, ExecutionException {
        return s.run(p -> Arithmetic.matmul(p, s.x[p.id()], s.y[p.id()]));
    }

    @Benchmark
    public LongTensor mul1M(Mul s) throws InterruptedException, ExecutionException {
        return s.run(p -> Arithmetic.mul(p, s.x[p.id()], s.y[p.id()]));
    }
}
