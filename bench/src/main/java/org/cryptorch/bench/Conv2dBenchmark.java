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

/** Ring conv2d, 1x64x32x32 input, 64x64x3x3 weights, stride 1, pad 1 (37.7 M multiply-accumulates). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class Conv2dBenchmark {
    private LongTensor x;
    private LongTensor w;

    @Setup
    public void setUp() {
        x = BenchData.randomRing(3, 1, 64, 32, 32);
        w = BenchData.randomRing(4, 64, 64, 3, 3);
    }

    @Benchmark
    public LongTensor conv3x3Pad1() {
        return x.conv2d(w, new int[] {1, 1}, new int[] {1, 1, 1, 1}, new int[] {1, 1}, 1);
    }
}
