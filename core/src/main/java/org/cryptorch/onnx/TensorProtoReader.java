package org.cryptorch.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * Reads the fields of one ONNX {@code TensorProto} (an initializer, a tensor attribute, or a whole {@code .pb}
 * file) into a project tensor. Data comes from little-endian {@code raw_data} or from the typed repeated fields.
 */
final class TensorProtoReader implements WireReader.FieldHandler {
    /** A tensor with the name the file gives it ("" when none). */
    record NamedTensor(String name, Tensor tensor) {
    }

    private final WireReader r;
    private final LongList dims = new LongList();
    private int dataType;
    private String name = "";
    private ByteBuffer raw;
    private final DoubleList floatData = new DoubleList();
    private final DoubleList doubleData = new DoubleList();
    private final LongList int32Data = new LongList();
    private final LongList int64Data = new LongList();
    private int dataLocation;
    private String externalLocation = "?";

    private TensorProtoReader(WireReader r) {
        this.r = r;
    }

    /** Reads the current message of {@code r} as a TensorProto. */
    static NamedTensor read(WireReader r) {
        TensorProtoReader t = new TensorProtoReader(r);
        r.readFields(t);
        return new NamedTensor(t.name, t.build());
    }

    @Override
    public void field(int number, int wireType) throws IOException {
        switch (number) {
            case 1 -> r.readVarints("dims", wireType, dims);
            case 2 -> dataType = r.readInt32("data_type", wireType);
            case 3 -> throw r.fail("segmented tensors (field segment) are not supported");
            case 4 -> r.readFixeds("float_data", wireType, 4, floatData);
            case 5 -> r.readVarints("int32_data", wireType, int32Data);
            case 7 -> r.readVarints("int64_data", wireType, int64Data);
            case 8 -> {
                name = r.readString("name", wireType);
                r.nameCurrent(name);
            }
            case 9 -> raw = r.readBytes("raw_data", wireType);
            case 10 -> r.readFixeds("double_data", wireType, 8, doubleData);
            case 13 -> readExternalDataEntry(wireType);
            case 14 -> dataLocation = r.readInt32("data_location", wireType);
            default -> r.skip(number, wireType);
        }
    }

    private void readExternalDataEntry(int wireType) throws IOException {
        String[] entry = new String[2];
        r.readMessage("TensorProto.external_data", wireType, (n, w) -> {
            if (n == 1 || n == 2) {
                entry[n - 1] = r.readString(n == 1 ? "key" : "value", w);
            } else {
                r.skip(n, w);
            }
        });
        if ("location".equals(entry[0]) && entry[1] != null) {
            externalLocation = entry[1];
        }
    }

    private Tensor build() {
        if (dataLocation == 1 && PublicExport.WITHHELD.equals(externalLocation)) {
            return withheld();
        }
        if (dataLocation == 1) {
            throw r.fail("tensor '" + name + "' is stored as external data (file " + externalLocation
                + "); CrypTorch needs a self-contained model");
        }
        OnnxDataType type = OnnxDataType.ofCode(dataType);
        if (type == null) {
            throw r.fail("data type " + OnnxDataType.describeCode(dataType) + " is not supported; CrypTorch reads"
                + " float32, float64, float16, bfloat16, int64, int32, int16, int8, uint16, uint8 and bool");
        }
        Shape shape = shape();
        int count = shape.size();
        if (raw != null) {
            long needed = (long) count * type.byteWidth;
            if (raw.remaining() != needed) {
                throw r.fail("raw_data has " + raw.remaining() + " bytes but shape " + shape + " of " + type
                    + " needs " + needed);
            }
            return RawElements.decode(raw, type, shape);
        }
        return type.isFloat() ? floatsFromTypedField(type, shape, count) : intsFromTypedField(type, shape, count);
    }

    /**
     * A tensor whose values the model owner withheld ({@link PublicExport}): zeros of its shape stand in, so the
     * graph compiles to the same program (compiling depends on shapes, not on weight values).
     */
    private Tensor withheld() {
        OnnxDataType type = OnnxDataType.ofCode(dataType);
        if (type == null || !type.isFloat()) {
            throw r.fail("tensor '" + name + "' is withheld but is not a real-valued tensor (data type "
                + OnnxDataType.describeCode(dataType) + "); only weights are withheld");
        }
        r.countWithheld();
        Shape shape = shape();
        return new FloatTensor(shape, new double[shape.size()], type.dtype);
    }

    private Shape shape() {
        long[] d = dims.toArray();
        int[] out = new int[d.length];
        long count = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] < 0 || d[i] > Integer.MAX_VALUE) {
                throw r.fail("dims[" + i + "] = " + d[i] + " is not a valid dimension");
            }
            out[i] = (int) d[i];
            count *= d[i];
            if (count > Integer.MAX_VALUE) {
                throw r.fail("dims " + Arrays.toString(d) + " describe more than 2^31-1 elements");
            }
        }
        return Shape.of(out);
    }

    private FloatTensor floatsFromTypedField(OnnxDataType type, Shape shape, int count) {
        double[] data = switch (type) {
            case FLOAT -> {
                requireCount("float_data", floatData.size(), shape, count);
                yield floatData.toArray();
            }
            case DOUBLE -> {
                requireCount("double_data", doubleData.size(), shape, count);
                yield doubleData.toArray();
            }
            default -> {
                requireCount("int32_data", int32Data.size(), shape, count);
                double[] d = new double[count];
                for (int i = 0; i < count; i++) {
                    d[i] = type.int32FieldAsFloat(int32Data.get(i));
                }
                yield d;
            }
        };
        return new FloatTensor(shape, data, type.dtype);
    }

    private LongTensor intsFromTypedField(OnnxDataType type, Shape shape, int count) {
        long[] data;
        if (type == OnnxDataType.INT64) {
            requireCount("int64_data", int64Data.size(), shape, count);
            data = int64Data.toArray();
        } else {
            requireCount("int32_data", int32Data.size(), shape, count);
            data = new long[count];
            for (int i = 0; i < count; i++) {
                data[i] = type.int32FieldAsInt(int32Data.get(i));
            }
        }
        return new LongTensor(shape, data, type.dtype);
    }

    private void requireCount(String field, int have, Shape shape, int count) {
        if (have != count) {
            throw r.fail(field + " has " + have + " values but shape " + shape + " needs " + count
                + (have == 0 ? " (and there is no raw_data)" : ""));
        }
    }
}
