package org.cryptorch.onnx;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.cryptorch.tensor.Tensor;

/** Writes a tensor as an ONNX {@code TensorProto} (dims, data_type, name, little-endian raw_data). */
final class TensorProtoWriter {
    private TensorProtoWriter() {
    }

    static void write(Tensor t, String name, OutputStream sink) throws IOException {
        OnnxDataType type = OnnxDataType.of(t.dtype());
        CodedOutputStream out = CodedOutputStream.newInstance(sink);
        for (int d : t.shape().dims()) {
            out.writeInt64(1, d);
        }
        out.writeInt32(2, type.code);
        if (name != null && !name.isEmpty()) {
            out.writeString(8, name);
        }
        out.writeByteArray(9, RawElements.encode(t, type));
        out.flush();
    }

    static byte[] toBytes(Tensor t, String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(t, name, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }
}
