package org.cryptorch.onnx;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.Shape;

/**
 * Reads an ONNX model ({@code ModelProto}) into a {@link Graph}: initializers become constant values, graph inputs
 * (minus initializers) become graph inputs with their declared dims, nodes keep their order, op type, domain,
 * name and attributes ({@code Constant} nodes stay nodes), omitted optional inputs become null. Semantics of the ops
 * are not checked here. Any malformed input raises {@link ModelFormatException}.
 */
public final class OnnxReader {
    /** The newest opset of the default domain (ONNX 1.17); a newer one may change the semantics of any op. */
    static final int NEWEST_OPSET = 22;
    private OnnxReader() {
    }

    /** Reads a model file; the file is memory-mapped so large initializers are decoded without an extra copy. */
    public static Graph read(Path file) {
        try {
            return read(FileIo.map(file));
        } catch (ModelFormatException e) {
            throw new ModelFormatException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public static Graph read(byte[] bytes) {
        return read(ByteBuffer.wrap(bytes));
    }

    public static Graph read(ByteBuffer bytes) {
        return readModel(bytes).graph();
    }

    /**
     * A model's graph and how many of its tensors the file withholds (a public export, {@link PublicExport}: zeros
     * stand in for their values).
     */
    public record Contents(Graph graph, int withheldTensors) {
    }

    public static Contents readModel(byte[] bytes) {
        return readModel(ByteBuffer.wrap(bytes));
    }

    private static Contents readModel(ByteBuffer bytes) {
        WireReader r = new WireReader(bytes, "ModelProto");
        OnnxModelParser.ModelParts parts;
        try {
            parts = OnnxModelParser.parse(r);
        } catch (ModelFormatException e) {
            // A failure at the top level (not inside the graph) means the bytes are no model at all.
            throw e.getMessage().startsWith("ModelProto:")
                ? new ModelFormatException("not an ONNX model (" + e.getMessage() + ")", e) : e;
        }
        return new Contents(new Linker(parts).link(), r.withheldTensors());
    }

    /** Turns parsed records into a graph, resolving value names. */
    private static final class Linker {
        private final OnnxModelParser.ModelParts parts;
        private final Graph g = new Graph();
        private final Map<String, Value> byName = new HashMap<>();
        /** Values read before any producer was seen, with the first node that read them. */
        private final Map<Value, String> pendingReaders = new HashMap<>();
        private final Set<Value> defined = new HashSet<>();

        Linker(OnnxModelParser.ModelParts parts) {
            this.parts = parts;
        }

        Graph link() {
            parts.opsets.forEach(g::setOpset);
            if (g.opset() > NEWEST_OPSET) {
                throw new ModelFormatException("ModelProto.opset_import: opset " + g.opset() + " of the default "
                    + "domain is newer than any this reader knows (up to " + NEWEST_OPSET + ")");
            }
            for (TensorProtoReader.NamedTensor init : parts.initializers) {
                if (init.name().isEmpty()) {
                    throw new ModelFormatException("ModelProto.graph: an initializer has no name");
                }
                define(init.name(), g.constant(init.name(), init.tensor()), "initializer");
            }
            for (OnnxModelParser.ValueInfo in : parts.inputs) {
                if (!byName.containsKey(in.name()) || !byName.get(in.name()).isConstant()) {
                    addInput(in);
                }
            }
            for (OnnxModelParser.NodeInfo n : parts.nodes) {
                addNode(n);
            }
            if (!pendingReaders.isEmpty()) {
                Map.Entry<Value, String> e = pendingReaders.entrySet().iterator().next();
                throw new ModelFormatException("ModelProto.graph: node " + e.getValue() + " reads '"
                    + e.getKey().name() + "', which no node, graph input or initializer defines");
            }
            for (OnnxModelParser.ValueInfo out : parts.outputs) {
                addOutput(out);
            }
            sortTopologically();
            return g;
        }

        private void addInput(OnnxModelParser.ValueInfo in) {
            String what = "graph input '" + in.name() + "'";
            if (in.name().isEmpty()) {
                throw new ModelFormatException("ModelProto.graph: a graph input has no name");
            }
            DType dtype = declaredDtype(in, what);
            if (dtype == null) {
                throw new ModelFormatException("ModelProto.graph: " + what + " declares no element type");
            }
            int[] dims = in.dims();
            Value v = g.addInput(in.name(), dtype, isStatic(dims) ? Shape.of(dims) : null);
            v.setDeclaredDims(dims);
            define(in.name(), v, what);
        }

        private void addNode(OnnxModelParser.NodeInfo n) {
            String name = n.name().isEmpty() ? g.freshName(n.opType()) : n.name();
            String what = "'" + name + "' (" + n.opType() + ")";
            List<Value> ins = new ArrayList<>();
            for (String inName : n.inputs()) {
                ins.add(inName.isEmpty() ? null : use(inName, what));
            }
            List<Value> outs = new ArrayList<>();
            for (String outName : n.outputs()) {
                if (outName.isEmpty()) {
                    outs.add(g.newValue(null)); // an omitted optional output keeps its position
                } else {
                    Value v = byName.computeIfAbsent(outName, g::newValue);
                    define(outName, v, "output of node " + what);
                    pendingReaders.remove(v);
                    outs.add(v);
                }
            }
            g.addNode(n.opType(), n.domain(), name, ins, outs, n.attributes());
        }

        private Value use(String name, String reader) {
            Value v = byName.get(name);
            if (v == null) {
                v = g.newValue(name);
                byName.put(name, v);
                pendingReaders.put(v, reader);
            }
            return v;
        }

        private void define(String name, Value v, String what) {
            byName.putIfAbsent(name, v);
            if (byName.get(name) != v || !defined.add(v)) {
                throw new ModelFormatException("ModelProto.graph: value '" + name + "' is defined twice (again as "
                    + what + ")");
            }
        }

        private void addOutput(OnnxModelParser.ValueInfo out) {
            Value v = byName.get(out.name());
            if (v == null) {
                throw new ModelFormatException("ModelProto.graph: graph output '" + out.name()
                    + "' is not produced by any node, input or initializer");
            }
            DType dtype = declaredDtype(out, "graph output '" + out.name() + "'");
            if (v.dtype() == null && dtype != null) {
                v.setType(dtype, v.shape());
            }
            if (out.dims() != null) {
                v.setDeclaredDims(out.dims());
            }
            g.addOutput(v);
        }

        /**
         * Puts producers before users: the spec requires that order but some tools write nodes out of it. A sorted
         * graph keeps its order.
         */
        private void sortTopologically() {
            try {
                g.sortTopologically();
            } catch (IllegalStateException e) {
                throw new ModelFormatException("ModelProto.graph: " + e.getMessage());
            }
        }

        private static DType declaredDtype(OnnxModelParser.ValueInfo info, String what) {
            if (!info.isTensor()) {
                throw new ModelFormatException("ModelProto.graph: " + what
                    + " is not a tensor (sequence, map, optional and sparse types are not supported)");
            }
            if (info.elemType() == 0) {
                return null;
            }
            OnnxDataType t = OnnxDataType.ofCode(info.elemType());
            if (t == null) {
                throw new ModelFormatException("ModelProto.graph: " + what + " has element type "
                    + OnnxDataType.describeCode(info.elemType()) + ", which CrypTorch does not support");
            }
            return t.dtype;
        }

        private static boolean isStatic(int[] dims) {
            if (dims == null) {
                return false;
            }
            for (int d : dims) {
                if (d < 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
