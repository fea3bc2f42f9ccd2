package org.cryptorch.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Protobuf wire-format reading over {@link CodedInputStream} that knows where it is: every failure becomes a
 * {@link ModelFormatException} naming the path of messages and the field being read, e.g.
 * {@code ModelProto.graph > GraphProto.node[3] (name 'Conv_0') > NodeProto.attribute[1] (name 'axes'): truncated varint}.
 *
 * <p>Length-delimited payloads ({@code raw_data}) are returned as slices of the source buffer, so a memory-mapped
 * model is never copied as a whole.
 */
final class WireReader {
    /** Field callback of {@link #readMessage}: handles one field or skips it. */
    interface FieldHandler {
        void field(int number, int wireType) throws IOException;
    }

    private final ByteBuffer source;
    private final CodedInputStream in;
    private final Deque<Frame> path = new ArrayDeque<>();
    /** Tensors read so far whose values the file withholds (see {@link PublicExport}). */
    private int withheldTensors;

    private static final class Frame {
        final String label;
        String name;

        Frame(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return name == null ? label : label + " (name '" + name + "')";
        }
    }

    WireReader(ByteBuffer source, String rootMessage) {
        this.source = source.slice().order(ByteOrder.LITTLE_ENDIAN);
        // protobuf copies a buffer without an array (a mapped file) into a new byte[] unless it may use Unsafe;
        // reading through a stream keeps a 340 MB model mapped instead of copied
        this.in = this.source.hasArray() ? CodedInputStream.newInstance(this.source.duplicate())
            : CodedInputStream.newInstance(new ByteBufferInputStream(this.source.duplicate()));
        this.in.setSizeLimit(Integer.MAX_VALUE);
        path.push(new Frame(rootMessage));
    }

    void countWithheld() {
        withheldTensors++;
    }

    int withheldTensors() {
        return withheldTensors;
    }

    /** Reads fields until the end of the current message (the end of input or of the enclosing length). */
    void readFields(FieldHandler handler) {
        try {
            while (true) {
                int tag;
                try {
                    tag = in.readTag();
                } catch (InvalidProtocolBufferException e) {
                    throw fail("bad field tag (" + describe(e) + ")");
                }
                if (tag == 0) {
                    return;
                }
                int number = WireFormat.getTagFieldNumber(tag);
                int wireType = WireFormat.getTagWireType(tag);
                handler.field(number, wireType);
            }
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw fail(describe(e));
        }
    }

    /** Reads a length-delimited sub-message {@code label} (e.g. "GraphProto.node[3]") with {@code handler}. */
    void readMessage(String label, int wireType, FieldHandler handler) throws IOException {
        readNested(label, wireType, () -> {
            readFields(handler);
            return null;
        });
    }

    /** Reads a length-delimited sub-message {@code label} whose fields {@code body} reads; returns its result. */
    <T> T readNested(String label, int wireType, Supplier<T> body) throws IOException {
        path.push(new Frame(label));
        expectWireType(wireType, WireFormat.WIRETYPE_LENGTH_DELIMITED, "a message");
        int length = readLength(null);
        int oldLimit = in.pushLimit(length);
        T result = body.get();
        in.popLimit(oldLimit);
        path.pop();
        return result;
    }

    /** Records the name of the message being read so later errors can say which node/tensor/attribute it is. */
    void nameCurrent(String name) {
        path.peek().name = name;
    }

    String currentLabel() {
        return path.peek().toString();
    }

    void skip(int number, int wireType) throws IOException {
        try {
            if (!in.skipField(number << 3 | wireType)) {
                throw fail("field " + number + " has an end-group tag where none was opened");
            }
        } catch (InvalidProtocolBufferException e) {
            throw fail("field " + number + ": " + describe(e));
        }
    }

    long readVarint(String field, int wireType) throws IOException {
        expectWireType(wireType, WireFormat.WIRETYPE_VARINT, field);
        try {
            return in.readRawVarint64();
        } catch (InvalidProtocolBufferException e) {
            throw fail(field + ": " + (truncated(e) ? "truncated varint" : "malformed varint"));
        }
    }

    int readInt32(String field, int wireType) throws IOException {
        long v = readVarint(field, wireType);
        if (v != (int) v) {
            throw fail(field + ": value " + v + " does not fit in 32 bits");
        }
        return (int) v;
    }

    float readFloat(String field, int wireType) throws IOException {
        expectWireType(wireType, WireFormat.WIRETYPE_FIXED32, field);
        try {
            return in.readFloat();
        } catch (InvalidProtocolBufferException e) {
            throw fail(field + ": truncated 32-bit value");
        }
    }

    double readDouble(String field, int wireType) throws IOException {
        expectWireType(wireType, WireFormat.WIRETYPE_FIXED64, field);
        try {
            return in.readDouble();
        } catch (InvalidProtocolBufferException e) {
            throw fail(field + ": truncated 64-bit value");
        }
    }

    /** The payload of a length-delimited field as a little-endian slice of the source (no copy). */
    ByteBuffer readBytes(String field, int wireType) throws IOException {
        expectWireType(wireType, WireFormat.WIRETYPE_LENGTH_DELIMITED, field);
        int length = readLength(field);
        int start = in.getTotalBytesRead();
        try {
            in.skipRawBytes(length);
        } catch (InvalidProtocolBufferException e) {
            throw fail(field + ": declares " + length + " bytes but the input ends first");
        }
        return source.slice(start, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    String readString(String field, int wireType) throws IOException {
        ByteBuffer bytes = readBytes(field, wireType);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw fail(field + ": not valid UTF-8");
        }
    }

    /**
     * Reads a repeated varint field that may be packed (one length-delimited run) or not (one value per tag),
     * appending to {@code out}.
     */
    void readVarints(String field, int wireType, LongList out) throws IOException {
        if (wireType != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            out.add(readVarint(field, wireType));
            return;
        }
        int length = readLength(field);
        int oldLimit = in.pushLimit(length);
        while (in.getBytesUntilLimit() > 0) {
            out.add(readVarint(field, WireFormat.WIRETYPE_VARINT));
        }
        in.popLimit(oldLimit);
    }

    /** Like {@link #readVarints} for fixed-width floats or doubles ({@code width} 4 or 8 bytes). */
    void readFixeds(String field, int wireType, int width, DoubleList out) throws IOException {
        if (wireType != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            out.add(width == 4 ? readFloat(field, wireType) : readDouble(field, wireType));
            return;
        }
        ByteBuffer run = readBytes(field, wireType);
        if (run.remaining() % width != 0) {
            throw fail(field + ": packed run of " + run.remaining() + " bytes is not a multiple of " + width);
        }
        while (run.hasRemaining()) {
            out.add(width == 4 ? run.getFloat() : run.getDouble());
        }
    }

    ModelFormatException fail(String problem) {
        // nested labels name their parent message ("GraphProto.node[3]"), so the root adds nothing below it
        StringJoiner where = new StringJoiner(" > ");
        var frames = path.descendingIterator();
        Frame root = frames.next();
        if (!frames.hasNext()) {
            where.add(root.toString());
        }
        frames.forEachRemaining(f -> where.add(f.toString()));
        return new ModelFormatException(where + ": " + problem);
    }

    private int readLength(String field) throws IOException {
        int length;
        try {
            length = in.readRawVarint32();
        } catch (InvalidProtocolBufferException e) {
            throw fail(prefix(field) + (truncated(e) ? "truncated length" : "malformed length"));
        }
        if (length < 0 || length > remaining()) {
            throw fail(prefix(field) + "declares " + Integer.toUnsignedLong(length) + " bytes but only "
                + remaining() + " remain (truncated file?)");
        }
        return length;
    }

    private static String prefix(String field) {
        return field == null ? "" : field + ": ";
    }

    private int remaining() {
        int untilLimit = in.getBytesUntilLimit();
        int untilEnd = source.limit() - in.getTotalBytesRead();
        return untilLimit < 0 ? untilEnd : Math.min(untilLimit, untilEnd);
    }

    private void expectWireType(int actual, int expected, String what) {
        if (actual != expected) {
            throw fail(what + " has wire type " + wireTypeName(actual) + ", expected " + wireTypeName(expected));
        }
    }

    private static String wireTypeName(int wireType) {
        return switch (wireType) {
            case WireFormat.WIRETYPE_VARINT -> "varint";
            case WireFormat.WIRETYPE_FIXED64 -> "fixed64";
            case WireFormat.WIRETYPE_LENGTH_DELIMITED -> "length-delimited";
            case WireFormat.WIRETYPE_START_GROUP -> "start-group";
            case WireFormat.WIRETYPE_END_GROUP -> "end-group";
            case WireFormat.WIRETYPE_FIXED32 -> "fixed32";
            default -> "invalid (" + wireType + ")";
        };
    }

    private static boolean truncated(InvalidProtocolBufferException e) {
        return e.getMessage() != null && e.getMessage().contains("ended unexpectedly");
    }

    /** Short wording for protobuf's long exception messages. */
    private static String describe(IOException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        if (m.contains("ended unexpectedly")) {
            return "input ends in the middle of a field (truncated file?)";
        }
        if (m.contains("malformed varint")) {
            return "malformed varint";
        }
        if (m.contains("invalid tag")) {
            return "invalid tag (zero field number)";
        }
        if (m.contains("invalid wire type")) {
            return "invalid wire type";
        }
        if (m.contains("too many levels of nesting")) {
            return "groups nested too deeply";
        }
        return m;
    }
}
