package org.cryptorch.onnx;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import org.cryptorch.tensor.Tensor;

/**
 * Reads and writes single tensors by file extension: {@code .npy} (NumPy) or {@code .pb} (ONNX TensorProto, as in
 * the ONNX backend test data). Writes are atomic: the target appears complete or not at all.
 */
public final class TensorFiles {
    private TensorFiles() {
    }

    public static Tensor read(Path file) {
        Format format = formatOf(file);
        try {
            return switch (format) {
                case NPY -> readNpy(FileIo.map(file));
                case PB -> readTensorProto(FileIo.map(file));
            };
        } catch (ModelFormatException e) {
            throw new ModelFormatException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public static void write(Path file, Tensor t) {
        Format format = formatOf(file);
        FileIo.writeAtomically(file, out -> {
            switch (format) {
                case NPY -> NpyFormat.write(t, out);
                case PB -> TensorProtoWriter.write(t, "", out);
            }
        });
    }

    /** Reads an ONNX {@code TensorProto} from bytes. */
    public static Tensor readTensorProto(ByteBuffer bytes) {
        return TensorProtoReader.read(new WireReader(bytes, "TensorProto")).tensor();
    }

    /** Reads a {@code .npy} file's bytes. */
    public static Tensor readNpy(ByteBuffer bytes) {
        return NpyFormat.read(bytes);
    }

    private enum Format { NPY, PB }

    private static Format formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            return Format.NPY;
        } else if (name.endsWith(".pb")) {
            return Format.PB;
        }
        throw new IllegalArgumentException("tensor file " + file + " has neither a .npy nor a .pb extension");
    }
}
