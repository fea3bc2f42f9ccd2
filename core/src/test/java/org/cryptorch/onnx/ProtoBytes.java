package org.cryptorch.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Hand-assembles protobuf wire bytes for tests (fields in the order added). */
final class ProtoBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoBytes varint(int field, long v) {
        tag(field, 0);
        rawVarint(v);
        return this;
    }

    ProtoBytes fixed32(int field, float v) {
        tag(field, 5);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array());
        return this;
    }

    ProtoBytes bytes(int field, byte[] payload) {
        tag(field, 2);
        rawVarint(payload.length);
        out.writeBytes(payload);
        return this;
    }

    ProtoBytes string(int field, String s) {
        return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    ProtoBytes message(int field, ProtoBytes m) {
        return bytes(field, m.toByteArray());
    }

    /** A packed repeated varint field. */
    ProtoBytes packedVarints(int field, long... values) {
        ProtoBytes run = new ProtoBytes();
        for (long v : values) {
            run.rawVarint(v);
        }
        return bytes(field, run.toByteArray());
    }

    /** Raw bytes appended as they are (to build malformed input). */
    ProtoBytes raw(byte... b) {
        out.writeBytes(b);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    static byte[] floatsLe(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    private void tag(int field, int wireType) {
        rawVarint((long) field << 3 | wireType);
    }

    private void rawVarint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
