package org.cryptorch.bench;

import java.util.concurrent.TimeUnit;
import org.cryptorch.tensor.LongTensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Element-wise ring multiply of two 2^20-element tensors, allocating and in place. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ElementwiseBenchmark {
    private static final int SIZE = 1 << 20;

    private LongTensor a;
    private LongTensor b;

    @Setup
    public void setUp() {
        a = BenchData.randomRing(5, SIZE);
        b = BenchData.randomRing(6, SIZE);
    }

    @Benchmark
    public LongTensor mul() {
        return a.mul(b);
    }

    @Benchmark
    public LongTensor mulInPlace() {
        return a.mulInPlace(b);
    }
}
