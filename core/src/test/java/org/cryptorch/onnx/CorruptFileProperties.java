package org.cryptorch.onnx;

import org.cryptorch.testdata.TestData;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * Truncated or bit-flipped model and tensor files either parse or fail with {@link ModelFormatException}, never
 * with anything else (no IndexOutOfBounds, OutOfMemory, NegativeArraySize...). Seeds: the shared models and some
 * backend test cases when present, plus files built here so the properties always have something to corrupt.
 */
class CorruptFileProperties {
    private static final String[] BACKEND_CASES = {"test_conv_with_strides_padding", "test_gemm_all_attributes",
        "test_layer_normalization_4d_axis0_expanded", "test_constant", "test_lstm_with_peepholes",
        "test_softmax_axis_0"};

    private static final List<byte[]> MODELS = new ArrayList<>();
    private static final List<byte[]> NPY = new ArrayList<>();
    private static final List<byte[]> PB = new ArrayList<>();

    static {
        FloatTensor floats = new FloatTensor(Shape.of(2, 3), new double[] {1, -2, 3.5, 4, 5e-3, 6}, DType.FLOAT32);
        LongTensor longs = new LongTensor(Shape.of(3), new long[] {-1, 0, 1L << 40}, DType.INT64);
        for (var t : List.of(floats, longs)) {
            PB.add(TensorProtoWriter.toBytes(t, "t"));
            java.io.ByteArrayOutputStream npy = new java.io.ByteArrayOutputStream();
            try {
                NpyFormat.write(t, npy);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            NPY.add(npy.toByteArray());
        }
        MODELS.add(syntheticModel());
        TestData.sharedModels().ifPresentOrElse(dir -> {
            MODELS.add(bytes(dir.resolve("fmnist_mlp/model.onnx")));
            MODELS.add(bytes(dir.resolve("digits_vit/model.onnx")));
            NPY.add(bytes(dir.resolve("digits_vit/ref.npy")));
        }, () -> System.err.println("CorruptFileProperties: shared/models not found; using built-in seeds only"));
        TestData.libonnx().ifPresentOrElse(dir -> {
            for (String c : BACKEND_CASES) {
                MODELS.add(bytes(dir.resolve("node").resolve(c).resolve("model.onnx")));
                PB.add(bytes(dir.resolve("node").resolve(c).resolve("test_data_set_0/output_0.pb")));
            }
        }, () -> System.err.println("CorruptFileProperties: libonnx-testdata not installed; using built-in seeds"));
    }

    @Property(tries = 300)
    void truncatedModels(@ForAll @IntRange(min = 0, max = 1 << 30) int seed,
                         @ForAll @IntRange(min = 0, max = 1 << 30) int cut) {
        byte[] model = pick(MODELS, seed);
        assertParsesOrFormatError(truncate(model, cut), OnnxReader::read);
    }

    @Property(tries = 400)
    void bitFlippedModels(@ForAll @IntRange(min = 0, max = 1 << 30) int seed,
                          @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 1 << 30) Integer> bits) {
        byte[] model = pick(MODELS, seed);
        assertParsesOrFormatError(flip(model, bits), OnnxReader::read);
    }

    @Property(tries = 200)
    void corruptNpyFiles(@ForAll @IntRange(min = 0, max = 1 << 30) int seed,
                         @ForAll @IntRange(min = 0, max = 1 << 30) int cut,
                         @ForAll @Size(max = 4) List<@IntRange(min = 0, max = 1 << 30) Integer> bits) {
        byte[] npy = pick(NPY, seed);
        assertParsesOrFormatError(truncate(flip(npy, bits), cut), TensorFiles::readNpy);
    }

    @Property(tries = 200)
    void corruptTensorProtos(@ForAll @IntRange(min = 0, max = 1 << 30) int seed,
                             @ForAll @IntRange(min = 0, max = 1 << 30) int cut,
                             @ForAll @Size(max = 4) List<@IntRange(min = 0, max = 1 << 30) Integer> bits) {
        byte[] pb = pick(PB, seed);
        assertParsesOrFormatError(truncate(flip(pb, bits), cut), TensorFiles::readTensorProto);
    }

    /** Tries a heap buffer and a direct one (a mapped file's kind), which protobuf decodes differently. */
    private static void assertParsesOrFormatError(byte[] bytes, Consumer<ByteBuffer> reader) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        for (ByteBuffer b : List.of(ByteBuffer.wrap(bytes), direct)) {
            try {
                reader.accept(b);
            } catch (ModelFormatException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }

    private static byte[] pick(List<byte[]> seeds, int seed) {
        return seeds.get(seed % seeds.size());
    }

    /** Keeps a strict prefix (cut positions spread over the whole file). */
    private static byte[] truncate(byte[] b, int cut) {
        return java.util.Arrays.copyOf(b, b.length == 0 ? 0 : cut % b.length);
    }

    private static byte[] flip(byte[] b, List<Integer> bits) {
        byte[] out = b.clone();
        for (int bit : bits) {
            int i = (bit >>> 3) % out.length;
            out[i] ^= (byte) (1 << (bit & 7));
        }
        return out;
    }

    private static byte[] syntheticModel() {
        ProtoBytes node = new ProtoBytes().string(1, "x").string(1, "w").string(2, "y").string(3, "mm")
            .string(4, "MatMul").message(5, new ProtoBytes().string(1, "axes").packedVarints(8, 1, -1).varint(20, 7));
        ProtoBytes w = new ProtoBytes().varint(1, 2).varint(1, 2).varint(2, 1).string(8, "w")
            .bytes(9, ProtoBytes.floatsLe(1, 2, 3, 4));
        ProtoBytes x = new ProtoBytes().string(1, "x").message(2, new ProtoBytes().message(1, new ProtoBytes()
            .varint(1, 1).message(2, new ProtoBytes().message(1, new ProtoBytes().string(2, "N"))
                .message(1, new ProtoBytes().varint(1, 2)))));
        ProtoBytes graph = new ProtoBytes().message(1, node).message(5, w).message(11, x)
            .message(12, new ProtoBytes().string(1, "y"));
        return new ProtoBytes().varint(1, 8).message(8, new ProtoBytes().varint(2, 13)).message(7, graph)
            .toByteArray();
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
