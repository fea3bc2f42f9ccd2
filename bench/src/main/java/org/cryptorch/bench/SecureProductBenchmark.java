package org.cryptorch.bench;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.cryptorch.mpc.Arithmetic;
import org.cryptorch.mpc.ArithmeticRecipes;
import org.cryptorch.mpc.Correlations;
import org.cryptorch.mpc.LocalDealer;
import org.cryptorch.mpc.Party;
import org.cryptorch.mpc.Recipe;
import org.cryptorch.net.InMemoryChannel;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Online time of the secure products between two parties in one process (two threads, in-memory channel): a
 * 512x512x512 matmul and an element-wise product of 2^20 elements. The dealer's correlations are prefetched before
 * each invocation, so only the online phase is timed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class SecureProductBenchmark {
    private static final int N = 512;
    private static final int ELEMENTS = 1 << 20;

    /** Two parties with random shares of x and y; party 1 runs on its own thread. */
    abstract static class TwoParties {
        final ExecutorService partyOne = Executors.newSingleThreadExecutor();
        Party[] parties;
        LongTensor[] x;
        LongTensor[] y;

        void start(int... dims) {
            Correlations[] corr = LocalDealer.pair();
            InMemoryChannel[] ch = InMemoryChannel.pair("party0", "party1");
            parties = new Party[] {new Party(0, ch[0], corr[0], 16), new Party(1, ch[1], corr[1], 16)};
            x = new LongTensor[] {BenchData.randomRing(1, dims), BenchData.randomRing(2, dims)};
            y = new LongTensor[] {BenchData.randomRing(3, dims), BenchData.randomRing(4, dims)};
        }

        void prefetch(Recipe r) {
            for (Party p : parties) {
                p.correlations().prefetch(List.of(r));
            }
        }

        LongTensor run(Function<Party, LongTensor> protocol) throws InterruptedException, ExecutionException {
            Future<LongTensor> other = partyOne.submit(() -> protocol.apply(parties[1]));
            LongTensor mine = protocol.apply(parties[0]);
            other.get();
            return mine;
        }

        @TearDown(Level.Trial)
        public void stop() {
            partyOne.shutdownNow();
        }
    }

    @State(Scope.Benchmark)
    public static class Matmul extends TwoParties {
        @Setup(Level.Trial)
        public void setUp() {
            start(N, N);
        }

        @Setup(Level.Invocation)
        public void offline() {
            prefetch(ArithmeticRecipes.matmulTriple(x[0].shape(), y[0].shape()));
        }
    }

    @State(Scope.Benchmark)
    public static class Mul extends TwoParties {
        @Setup(Level.Trial)
        public void setUp() {
            start(ELEMENTS);
        }

        @Setup(Level.Invocation)
        public void offline() {
            prefetch(ArithmeticRecipes.triple(ELEMENTS));
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
