package org.cryptorch.onnx;

import org.cryptorch.testdata.TestData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TensorFilesTest {
    /** np.save(np.array([[1, 2, 3], [4, 5, 6]], dtype='<f4')), bytes from numpy 2.4. */
    private static final String NUMPY_F4_2X3 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwg"
        + "J3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAI"
        + "A/AAAAQAAAQEAAAIBAAACgQAAAwEA=";
    /** np.save(np.array([True, False, True])). */
    private static final String NUMPY_BOOL_3 = "k05VTVBZAQB2AHsnZGVzY3InOiAnfGIxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwg"
        + "J3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoBAAE=";
    /** np.save(np.array(7, dtype='<i8')): a rank-0 array. */
    private static final String NUMPY_I8_SCALAR = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZS"
        + "wgJ3NoYXBlJzogKCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoHAAAA"
        + "AAAAAA==";

    static Stream<Tensor> samples() {
        return Stream.of(
            new FloatTensor(Shape.of(2, 3), new double[] {1, -2.5, 3, 0.125, 5e-8, -6e7}, DType.FLOAT32),
            new FloatTensor(Shape.of(3), new double[] {Math.PI, -1e-300, 1e300}, DType.FLOAT64),
            new LongTensor(Shape.scalar(), new long[] {Long.MIN_VALUE}, DType.INT64),
            new LongTensor(Shape.of(2, 1, 2), new long[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}, DType.INT32),
            new LongTensor(Shape.of(4), new long[] {1, 0, 0, 1}, DType.BOOL),
            new FloatTensor(Shape.of(0, 5), new double[0], DType.FLOAT32));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void npyAndPbRoundTrip(Tensor t, @TempDir Path dir) {
        for (String file : new String[] {"t.npy", "t.pb"}) {
            Path p = dir.resolve(file);
            TensorFiles.write(p, t);
            assertSameTensor(TensorFiles.read(p), t);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).extracting(f -> f.getFileName().toString()).containsExactlyInAnyOrder("t.npy", "t.pb");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readsWhatNumpyWrites() {
        Tensor f = TensorFiles.readNpy(ByteBuffer.wrap(Base64.getDecoder().decode(NUMPY_F4_2X3)));
        assertSameTensor(f, new FloatTensor(Shape.of(2, 3), new double[] {1, 2, 3, 4, 5, 6}, DType.FLOAT32));
        Tensor b = TensorFiles.readNpy(ByteBuffer.wrap(Base64.getDecoder().decode(NUMPY_BOOL_3)));
        assertSameTensor(b, new LongTensor(Shape.of(3), new long[] {1, 0, 1}, DType.BOOL));
        Tensor s = TensorFiles.readNpy(ByteBuffer.wrap(Base64.getDecoder().decode(NUMPY_I8_SCALAR)));
        assertSameTensor(s, new LongTensor(Shape.scalar(), new long[] {7}, DType.INT64));
    }

    @Test
    void writesWhatNumpyWrites(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("a.npy");
        TensorFiles.write(p, new FloatTensor(Shape.of(2, 3), new double[] {1, 2, 3, 4, 5, 6}, DType.FLOAT32));
        assertThat(Files.readAllBytes(p)).isEqualTo(Base64.getDecoder().decode(NUMPY_F4_2X3));
        TensorFiles.write(p, new LongTensor(Shape.of(3), new long[] {1, 0, 1}, DType.BOOL));
        assertThat(Files.readAllBytes(p)).isEqualTo(Base64.getDecoder().decode(NUMPY_BOOL_3));
    }

    @Test
    void refusesFortranOrderAndOtherDtypes() {
        assertThatThrownBy(() -> TensorFiles.readNpy(npy("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }")))
            .isInstanceOf(ModelFormatException.class).hasMessageContaining("Fortran order");
        assertThatThrownBy(() -> TensorFiles.readNpy(npy("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }")))
            .isInstanceOf(ModelFormatException.class).hasMessageContaining("dtype '>f4' is not supported");
        assertThatThrownBy(() -> TensorFiles.readNpy(npy("{'descr': '<f4', 'shape': (1,), }")))
            .isInstanceOf(ModelFormatException.class).hasMessageContaining("lacks");
        assertThatThrownBy(() -> TensorFiles.readNpy(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }")))
            .isInstanceOf(ModelFormatException.class).hasMessage("npy: data has 0 bytes but shape [1] of '<f4' needs 4");
    }

    @Test
    void failedWriteLeavesNoFileAndKeepsTheOldOne(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.npy");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> FileIo.writeAtomically(target, out -> {
            out.write(new byte[100]);
            throw new IOException("disk full");
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full");
        assertThat(Files.readString(target)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void readsBackendTestDataAndSharedReferences() {
        Path data = TestData.libonnx().orElse(null);
        assumeTrue(data != null, "libonnx-testdata not installed; skipping");
        Tensor t = TensorFiles.read(data.resolve("node/test_gather_0/test_data_set_0/input_1.pb"));
        assertThat(t.dtype()).isEqualTo(DType.INT64);
        assertThat(t.shape()).isEqualTo(Shape.of(3));

        Path models = TestData.sharedModels().orElse(null);
        assumeTrue(models != null, "shared/models not found; skipping the .npy part");
        Tensor ref = TensorFiles.read(models.resolve("fmnist_mlp/ref.npy"));
        assertThat(ref.shape().dim(-1)).isEqualTo(10);
    }

    @Test
    void unknownExtensionIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> TensorFiles.read(dir.resolve("x.csv")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither a .npy nor a .pb");
    }

    private static ByteBuffer npy(String dict) {
        byte[] header = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + header.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length).put(header);
        return b.flip();
    }

    private static void assertSameTensor(Tensor actual, Tensor expected) {
        assertThat(actual.dtype()).isEqualTo(expected.dtype());
        assertThat(actual.shape()).isEqualTo(expected.shape());
        if (expected instanceof FloatTensor e) {
            double[] want = e.data().clone();
            if (e.dtype() == DType.FLOAT32) {
                for (int i = 0; i < want.length; i++) {
                    want[i] = (float) want[i];
                }
            }
            assertThat(((FloatTensor) actual).data()).containsExactly(want);
        } else {
            assertThat(((LongTensor) actual).data()).containsExactly(((LongTensor) expected).data());
        }
    }
}
