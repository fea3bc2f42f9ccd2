package org.cryptorch.bench;

import java.util.concurrent.TimeUnit;
import org.cryptorch.tensor.LongTensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * 512x512x512 ring matmul. One operation is one multiply-accumulate and the unit is ops/ns, so the score reads
 * directly as GMAC/s. The single-thread variant limits the tensor pool to one thread in its own fork.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MatmulBenchmark {
    private static final int N = 512;

    private LongTensor a;
    private LongTensor b;

    @Setup
    public void setUp() {
        a = BenchData.randomRing(1, N, N);
        b = BenchData.randomRing(2, N, N);
    }

    @Benchmark
    @OperationsPerInvocation(N * N * N)
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dcryptorch.tensor.threads=1"})
    public LongTensor matmul512SingleThread() {
        return a.matmul(b);
    }

    @Benchmark
    @OperationsPerInvocation(N * N * N)
    @Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
    public LongTensor matmul512AllCores() {
        return a.matmul(b);
    }
}
