package org.cryptorch.onnx;

import java.nio.ByteBuffer;
import org.cryptorch.tensor.DType;

/**
 * The ONNX {@code TensorProto.DataType} codes CrypTorch reads, with the project dtype each one becomes. Narrow
 * types are widened on reading: float16/bfloat16 to FLOAT32, int8/uint8/int16/uint16 to INT32 (their values fit).
 */
enum OnnxDataType {
    FLOAT(1, 4, DType.FLOAT32),
    UINT8(2, 1, DType.INT32),
    INT8(3, 1, DType.INT32),
    UINT16(4, 2, DType.INT32),
    INT16(5, 2, DType.INT32),
    INT32(6, 4, DType.INT32),
    INT64(7, 8, DType.INT64),
    BOOL(9, 1, DType.BOOL),
    FLOAT16(10, 2, DType.FLOAT32),
    DOUBLE(11, 8, DType.FLOAT64),
    BFLOAT16(16, 2, DType.FLOAT32);

    /** ONNX names of the codes we do not read, for error messages. */
    private static final String[] ALL_NAMES = {"UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32",
        "INT64", "STRING", "BOOL", "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16",
        "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4", "INT4", "FLOAT4E2M1"};

    final int code;
    final int byteWidth;
    final DType dtype;

    OnnxDataType(int code, int byteWidth, DType dtype) {
        this.code = code;
        this.byteWidth = byteWidth;
        this.dtype = dtype;
    }

    /** The type with ONNX code {@code code}, or null when CrypTorch does not read it. */
    static OnnxDataType ofCode(int code) {
        for (OnnxDataType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** The ONNX type that stores a project dtype without loss (the writer's choice). */
    static OnnxDataType of(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> FLOAT;
            case FLOAT64 -> DOUBLE;
            case INT64 -> INT64;
            case INT32 -> INT32;
            case BOOL -> BOOL;
        };
    }

    static String describeCode(int code) {
        return code >= 0 && code < ALL_NAMES.length ? code + " (" + ALL_NAMES[code] + ")" : String.valueOf(code);
    }

    boolean isFloat() {
        return dtype.isFloat();
    }

    /** Element {@code i} of little-endian raw data, as a double (float types only). */
    double rawFloat(ByteBuffer raw, int i) {
        return switch (this) {
            case FLOAT -> raw.getFloat(i * 4);
            case DOUBLE -> raw.getDouble(i * 8);
            case FLOAT16 -> Float.float16ToFloat(raw.getShort(i * 2));
            case BFLOAT16 -> Float.intBitsToFloat((raw.getShort(i * 2) & 0xffff) << 16);
            default -> throw new IllegalStateException(this + " is not a float type");
        };
    }

    /** Element {@code i} of little-endian raw data, as a long (integer and bool types only). */
    long rawInt(ByteBuffer raw, int i) {
        return switch (this) {
            case UINT8 -> raw.get(i) & 0xff;
            case INT8 -> raw.get(i);
            case UINT16 -> raw.getShort(i * 2) & 0xffff;
            case INT16 -> raw.getShort(i * 2);
            case INT32 -> raw.getInt(i * 4);
            case INT64 -> raw.getLong(i * 8);
            case BOOL -> raw.get(i) != 0 ? 1 : 0;
            default -> throw new IllegalStateException(this + " is not an integer type");
        };
    }

    /**
     * A value of the {@code int32_data} field, which ONNX also uses for the narrow types (their bits in the low
     * part), converted to this type's value.
     */
    double int32FieldAsFloat(long v) {
        return switch (this) {
            case FLOAT16 -> Float.float16ToFloat((short) v);
            case BFLOAT16 -> Float.intBitsToFloat(((int) v & 0xffff) << 16);
            default -> throw new IllegalStateException(this + " does not keep floats in int32_data");
        };
    }

    long int32FieldAsInt(long v) {
        return switch (this) {
            case UINT8 -> v & 0xff;
            case INT8 -> (byte) v;
            case UINT16 -> v & 0xffff;
            case INT16 -> (short) v;
            case INT32 -> (int) v;
            case BOOL -> v != 0 ? 1 : 0;
            default -> throw new IllegalStateException(this + " does not keep integers in int32_data");
        };
    }
}
