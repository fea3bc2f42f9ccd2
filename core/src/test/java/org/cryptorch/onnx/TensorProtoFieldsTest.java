package org.cryptorch.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** TensorProto data in its typed repeated fields and in the narrow types that are widened on reading. */
class TensorProtoFieldsTest {
    private static Tensor read(ProtoBytes t) {
        return TensorFiles.readTensorProto(ByteBuffer.wrap(t.toByteArray()));
    }

    @Test
    void floatDataPackedOrOnePerTag() {
        ProtoBytes packed = new ProtoBytes().varint(1, 2).varint(2, 1).bytes(4, ProtoBytes.floatsLe(1.5f, -2f));
        ProtoBytes unpacked = new ProtoBytes().varint(1, 2).varint(2, 1).fixed32(4, 1.5f).fixed32(4, -2f);
        for (ProtoBytes t : new ProtoBytes[] {packed, unpacked}) {
            FloatTensor f = (FloatTensor) read(t);
            assertThat(f.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(f.data()).containsExactly(1.5, -2);
        }
    }

    @Test
    void doubleAndInt64Data() {
        ByteBuffer d = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(Math.E).putDouble(-0.25);
        FloatTensor f = (FloatTensor) read(new ProtoBytes().varint(1, 2).varint(2, 11).bytes(10, d.array()));
        assertThat(f.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(f.data()).containsExactly(Math.E, -0.25);

        LongTensor l = (LongTensor) read(new ProtoBytes().varint(2, 7).varint(1, 3)
            .packedVarints(7, -5, 0, Long.MAX_VALUE));
        assertThat(l.data()).containsExactly(-5, 0, Long.MAX_VALUE);
    }

    @Test
    void narrowIntegersAndBoolsLiveInInt32Data() {
        // negative int32 values are sign-extended 10-byte varints on the wire
        LongTensor i32 = (LongTensor) read(new ProtoBytes().varint(1, 2).varint(2, 6).packedVarints(5, -7, 9));
        assertThat(i32.dtype()).isEqualTo(DType.INT32);
        assertThat(i32.data()).containsExactly(-7, 9);

        LongTensor i8 = (LongTensor) read(new ProtoBytes().varint(1, 2).varint(2, 3).packedVarints(5, -128, 127));
        assertThat(i8.data()).containsExactly(-128, 127);

        LongTensor u8 = (LongTensor) read(new ProtoBytes().varint(1, 1).varint(2, 2).bytes(9, new byte[] {(byte) 200}));
        assertThat(u8.data()).containsExactly(200);

        LongTensor b = (LongTensor) read(new ProtoBytes().varint(1, 3).varint(2, 9).packedVarints(5, 1, 0, 1));
        assertThat(b.dtype()).isEqualTo(DType.BOOL);
        assertThat(b.data()).containsExactly(1, 0, 1);
    }

    @Test
    void halfPrecisionIsWidenedToFloat32() {
        // float16 0x3C00 = 1.0, 0xC000 = -2.0; bfloat16 0x3FC0 = 1.5
        ByteBuffer raw = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x3C00)
            .putShort((short) 0xC000);
        FloatTensor h = (FloatTensor) read(new ProtoBytes().varint(1, 2).varint(2, 10).bytes(9, raw.array()));
        assertThat(h.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(h.data()).containsExactly(1.0, -2.0);

        FloatTensor bf = (FloatTensor) read(new ProtoBytes().varint(2, 16).packedVarints(5, 0x3FC0));
        assertThat(bf.shape()).isEqualTo(Shape.scalar());
        assertThat(bf.data()).containsExactly(1.5);
    }

    @Test
    void unsupportedTypesAndMissingDataAreNamed() {
        assertThatThrownBy(() -> read(new ProtoBytes().varint(1, 1).varint(2, 8).string(6, "s")))
            .isInstanceOf(ModelFormatException.class).hasMessageContaining("data type 8 (STRING) is not supported");
        assertThatThrownBy(() -> read(new ProtoBytes().string(8, "w").varint(1, 4).varint(2, 1)))
            .isInstanceOf(ModelFormatException.class)
            .hasMessage("TensorProto (name 'w'): float_data has 0 values but shape [4] needs 4 (and there is no"
                + " raw_data)");
        assertThatThrownBy(() -> read(new ProtoBytes().varint(1, 1L << 32).varint(2, 1)))
            .isInstanceOf(ModelFormatException.class).hasMessageContaining("is not a valid dimension");
    }
}
