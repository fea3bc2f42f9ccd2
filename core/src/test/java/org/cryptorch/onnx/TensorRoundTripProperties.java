package org.cryptorch.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/** Any tensor of a writable dtype survives .npy and TensorProto writing and reading unchanged. */
class TensorRoundTripProperties {
    @Property(tries = 150)
    void npyRoundTrip(@ForAll("tensors") Tensor t) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpyFormat.write(t, out);
        assertEqual(TensorFiles.readNpy(ByteBuffer.wrap(out.toByteArray())), t);
    }

    @Property(tries = 150)
    void tensorProtoRoundTrip(@ForAll("tensors") Tensor t) {
        assertEqual(TensorFiles.readTensorProto(ByteBuffer.wrap(TensorProtoWriter.toBytes(t, "x"))), t);
    }

    @Provide
    Arbitrary<Tensor> tensors() {
        Arbitrary<int[]> dims = Arbitraries.integers().between(0, 4).list().ofMaxSize(4)
            .map(l -> l.stream().mapToInt(Integer::intValue).toArray());
        Arbitrary<DType> dtypes = Arbitraries.of(DType.values());
        return Combinators.combine(dims, dtypes, Arbitraries.longs()).as(TensorRoundTripProperties::tensor);
    }

    /** A tensor whose elements are pseudo-random values representable in {@code dtype}. */
    private static Tensor tensor(int[] dims, DType dtype, long seed) {
        Shape shape = Shape.of(dims);
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = shape.size();
        return switch (dtype) {
            case FLOAT32 -> new FloatTensor(shape, rnd.doubles(n, -1e6, 1e6).map(v -> (float) v).toArray(), dtype);
            case FLOAT64 -> new FloatTensor(shape, rnd.doubles(n, -1e300, 1e300).toArray(), dtype);
            case INT64 -> new LongTensor(shape, rnd.longs(n).toArray(), dtype);
            case INT32 -> new LongTensor(shape, rnd.ints(n).asLongStream().toArray(), dtype);
            case BOOL -> new LongTensor(shape, rnd.ints(n, 0, 2).asLongStream().toArray(), dtype);
        };
    }

    private static void assertEqual(Tensor actual, Tensor expected) {
        assertThat(actual.dtype()).isEqualTo(expected.dtype());
        assertThat(actual.shape()).isEqualTo(expected.shape());
        if (expected instanceof FloatTensor e) {
            assertThat(((FloatTensor) actual).data()).containsExactly(e.data());
        } else {
            assertThat(((LongTensor) actual).data()).containsExactly(((LongTensor) expected).data());
        }
    }
}
