package org.cryptorch.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/** Packed little-endian C-order element data, the layout of both {@code raw_data} and {@code .npy} bodies. */
final class RawElements {
    private RawElements() {
    }

    /** Decodes {@code shape.size()} elements of {@code type}; the caller checked that {@code raw} holds them. */
    static Tensor decode(ByteBuffer raw, OnnxDataType type, Shape shape) {
        ByteBuffer le = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int count = shape.size();
        if (type.isFloat()) {
            double[] data = new double[count];
            for (int i = 0; i < count; i++) {
                data[i] = type.rawFloat(le, i);
            }
            return new FloatTensor(shape, data, type.dtype);
        }
        long[] data = new long[count];
        for (int i = 0; i < count; i++) {
            data[i] = type.rawInt(le, i);
        }
        return new LongTensor(shape, data, type.dtype);
    }

    /** Encodes {@code t} as elements of {@code type} (float32 data is rounded from the stored doubles). */
    static byte[] encode(Tensor t, OnnxDataType type) {
        ByteBuffer b = ByteBuffer.allocate(t.shape().size() * type.byteWidth).order(ByteOrder.LITTLE_ENDIAN);
        switch (t) {
            case FloatTensor f -> {
                for (double v : f.data()) {
                    if (type == OnnxDataType.FLOAT) {
                        b.putFloat((float) v);
                    } else {
                        b.putDouble(v);
                    }
                }
            }
            case LongTensor l -> {
                for (long v : l.data()) {
                    switch (type) {
                        case INT64 -> b.putLong(v);
                        case INT32 -> b.putInt((int) v);
                        case BOOL -> b.put((byte) (v != 0 ? 1 : 0));
                        default -> throw new IllegalStateException("no integer encoding for " + type);
                    }
                }
            }
        }
        return b.array();
    }
}
