package org.cryptorch.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the client of a model owner may hold: the model file with every weight (a real-valued initializer or
 * {@code Constant} tensor of more than one element, the tensors the compiler shares as the owner's secret) replaced
 * by a shape-only placeholder. The rest of the file (graph, shapes, opsets, integer and scalar constants) is copied
 * byte for byte. A placeholder is a TensorProto with dims, data type and name, marked as external data at the
 * location {@link #WITHHELD}: other ONNX tools read such a file with external data loading off, and
 * {@link OnnxReader} reads it with zeros standing in for the values.
 */
public final class PublicExport {
    /** The external-data location that marks a withheld tensor. */
    public static final String WITHHELD = "withheld-by-model-owner";

    // field numbers from onnx.proto
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTRIBUTE_TENSOR = 5;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_EXTERNAL_DATA = 13;
    private static final int TENSOR_DATA_LOCATION = 14;
    private static final int EXTERNAL = 1;

    /** The public model's bytes, the names of the withheld tensors and how many values they held. */
    public record Result(byte[] bytes, List<String> withheld, long withheldValues) {
    }

    private final List<String> withheld = new ArrayList<>();
    private long withheldValues;

    private PublicExport() {
    }

    /** The public version of a model file's bytes (see the class comment). */
    public static Result of(byte[] model) {
        PublicExport e = new PublicExport();
        try {
            byte[] out = rewrite(model, (number, payload) -> number == MODEL_GRAPH ? e.graph(payload) : null);
            return new Result(out, List.copyOf(e.withheld), e.withheldValues);
        } catch (IOException ex) {
            throw new ModelFormatException("not an ONNX model: " + ex.getMessage(), ex);
        }
    }

    /** Writes the public version of the model file {@code model} to {@code out} in one atomic step. */
    public static Result write(Path model, Path out) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(model);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model file " + model + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + model + ": " + e.getMessage(), e);
        }
        Result r = of(bytes);
        FileIo.writeAtomically(out, sink -> sink.write(r.bytes()));
        return r;
    }

    private byte[] graph(byte[] graph) throws IOException {
        return rewrite(graph, (number, payload) -> switch (number) {
            case GRAPH_INITIALIZER -> tensor(payload);
            case GRAPH_NODE -> rewrite(payload, (n, p) -> n == NODE_ATTRIBUTE
                ? rewrite(p, (a, t) -> a == ATTRIBUTE_TENSOR ? tensor(t) : null) : null);
            default -> null;
        });
    }

    /** A placeholder for a weight tensor, or null to keep any other tensor as it is. */
    private byte[] tensor(byte[] tensor) throws IOException {
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        CodedInputStream in = CodedInputStream.newInstance(tensor);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case TENSOR_DIMS -> {
                    if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int limit = in.pushLimit(in.readRawVarint32());
                        while (in.getBytesUntilLimit() > 0) {
                            dims.add(in.readInt64());
                        }
                        in.popLimit(limit);
                    } else {
                        dims.add(in.readInt64());
                    }
                }
                case TENSOR_DATA_TYPE -> dataType = in.readInt32();
                case TENSOR_NAME -> name = in.readString();
                default -> in.skipField(tag);
            }
        }
        OnnxDataType type = OnnxDataType.ofCode(dataType);
        long count = dims.stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
        if (type == null || !type.isFloat() || count <= 1) {
            return null;
        }
        withheld.add(name);
        withheldValues += count;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        for (long d : dims) {
            out.writeInt64(TENSOR_DIMS, d);
        }
        out.writeInt32(TENSOR_DATA_TYPE, dataType);
        out.writeString(TENSOR_NAME, name);
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        CodedOutputStream e = CodedOutputStream.newInstance(entry);
        e.writeString(1, "location");
        e.writeString(2, WITHHELD);
        e.flush();
        out.writeBytes(TENSOR_EXTERNAL_DATA, ByteString.copyFrom(entry.toByteArray()));
        out.writeInt32(TENSOR_DATA_LOCATION, EXTERNAL);
        out.flush();
        return bytes.toByteArray();
    }

    /** Replaces length-delimited fields of one message; null from the rewriter keeps a field. */
    private interface FieldRewriter {
        byte[] rewrite(int number, byte[] payload) throws IOException;
    }

    /** The message with each length-delimited field passed through {@code rewriter}; other fields copied as read. */
    private static byte[] rewrite(byte[] message, FieldRewriter rewriter) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        in.setSizeLimit(Integer.MAX_VALUE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.length);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        while (true) {
            int start = in.getTotalBytesRead();
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                byte[] payload = in.readByteArray();
                byte[] replaced = rewriter.rewrite(WireFormat.getTagFieldNumber(tag), payload);
                out.writeByteArray(WireFormat.getTagFieldNumber(tag), replaced == null ? payload : replaced);
            } else {
                in.skipField(tag);
                out.writeRawBytes(message, start, in.getTotalBytesRead() - start);
            }
        }
        out.flush();
        return bytes.toByteArray();
    }
}
