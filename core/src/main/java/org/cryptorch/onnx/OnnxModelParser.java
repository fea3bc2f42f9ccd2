package org.cryptorch.onnx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.tensor.Tensor;

/**
 * Parses the ONNX messages CrypTorch needs ({@code ModelProto} down to attributes and tensors) from the wire
 * format into plain records; {@link OnnxReader} then links them into a graph. Unknown fields are skipped so newer
 * IR versions parse.
 */
final class OnnxModelParser {
    record NodeInfo(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                    Map<String, Attribute> attributes) {
    }

    /** A graph input or output: its element type code (0 when absent) and dims (-1 symbolic; null unknown rank). */
    record ValueInfo(String name, int elemType, boolean isTensor, int[] dims) {
    }

    /** Everything read from one model file. */
    static final class ModelParts {
        final Map<String, Integer> opsets = new LinkedHashMap<>();
        final List<NodeInfo> nodes = new ArrayList<>();
        final List<TensorProtoReader.NamedTensor> initializers = new ArrayList<>();
        final List<ValueInfo> inputs = new ArrayList<>();
        final List<ValueInfo> outputs = new ArrayList<>();
        boolean hasGraph;
    }

    private final WireReader r;
    private final ModelParts parts = new ModelParts();

    private OnnxModelParser(WireReader r) {
        this.r = r;
    }

    static ModelParts parse(WireReader r) {
        OnnxModelParser p = new OnnxModelParser(r);
        r.readFields(p::modelField);
        if (!p.parts.hasGraph) {
            throw r.fail("no graph (field 7) in the file; is it an ONNX model?");
        }
        return p.parts;
    }

    private void modelField(int number, int wireType) throws IOException {
        switch (number) {
            case 7 -> {
                parts.hasGraph = true;
                r.readMessage("ModelProto.graph", wireType, this::graphField);
            }
            case 8 -> readOpset(wireType);
            default -> r.skip(number, wireType);
        }
    }

    private void readOpset(int wireType) throws IOException {
        String[] domain = {""};
        long[] version = {0};
        r.readMessage("ModelProto.opset_import[" + parts.opsets.size() + "]", wireType, (n, w) -> {
            switch (n) {
                case 1 -> domain[0] = r.readString("domain", w);
                case 2 -> version[0] = r.readVarint("version", w);
                default -> r.skip(n, w);
            }
        });
        if (version[0] < 0 || version[0] > Integer.MAX_VALUE) {
            throw r.fail("opset_import for domain '" + domain[0] + "' has version " + version[0]);
        }
        parts.opsets.put(normalDomain(domain[0]), (int) version[0]);
    }

    private void graphField(int number, int wireType) throws IOException {
        switch (number) {
            case 1 -> parts.nodes.add(readNode(wireType));
            case 5 -> parts.initializers.add(r.readNested("GraphProto.initializer[" + parts.initializers.size()
                + "]", wireType, () -> TensorProtoReader.read(r)));
            case 11 -> parts.inputs.add(readValueInfo("GraphProto.input[" + parts.inputs.size() + "]", wireType));
            case 12 -> parts.outputs.add(readValueInfo("GraphProto.output[" + parts.outputs.size() + "]", wireType));
            case 15 -> throw r.fail("sparse initializers are not supported");
            default -> r.skip(number, wireType);
        }
    }

    private NodeInfo readNode(int wireType) throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        String[] text = {"", "", ""}; // name, op_type, domain
        r.readMessage("GraphProto.node[" + parts.nodes.size() + "]", wireType, (n, w) -> {
            switch (n) {
                case 1 -> inputs.add(r.readString("input[" + inputs.size() + "]", w));
                case 2 -> outputs.add(r.readString("output[" + outputs.size() + "]", w));
                case 3 -> {
                    text[0] = r.readString("name", w);
                    r.nameCurrent(text[0]);
                }
                case 4 -> text[1] = r.readString("op_type", w);
                case 5 -> {
                    Attribute a = AttributeParser.read(r, "NodeProto.attribute[" + attributes.size() + "]", w);
                    attributes.put(a.name(), a);
                }
                case 7 -> text[2] = r.readString("domain", w);
                default -> r.skip(n, w);
            }
        });
        if (text[1].isEmpty()) {
            throw r.fail("GraphProto.node[" + parts.nodes.size() + "]" + (text[0].isEmpty() ? "" : " '" + text[0] + "'")
                + " has no op_type");
        }
        return new NodeInfo(text[0], text[1], normalDomain(text[2]), inputs, outputs, attributes);
    }

    private ValueInfo readValueInfo(String label, int wireType) throws IOException {
        String[] name = {""};
        TypeParser type = new TypeParser(r);
        r.readMessage(label, wireType, (n, w) -> {
            switch (n) {
                case 1 -> {
                    name[0] = r.readString("name", w);
                    r.nameCurrent(name[0]);
                }
                case 2 -> r.readMessage("ValueInfoProto.type", w, type::typeField);
                default -> r.skip(n, w);
            }
        });
        return new ValueInfo(name[0], type.elemType, type.isTensor, type.dims());
    }

    /** "ai.onnx" and "" both name the default operator set. */
    private static String normalDomain(String domain) {
        return "ai.onnx".equals(domain) ? "" : domain;
    }

    /** Reads {@code TypeProto} down to the tensor element type and shape. */
    private static final class TypeParser {
        private final WireReader r;
        int elemType;
        boolean isTensor = true;
        private List<Integer> dims;

        TypeParser(WireReader r) {
            this.r = r;
        }

        void typeField(int number, int wireType) throws IOException {
            switch (number) {
                case 1 -> r.readMessage("TypeProto.tensor_type", wireType, this::tensorTypeField);
                case 4, 5, 8, 9 -> {
                    isTensor = false;
                    r.skip(number, wireType);
                }
                default -> r.skip(number, wireType);
            }
        }

        private void tensorTypeField(int number, int wireType) throws IOException {
            switch (number) {
                case 1 -> elemType = r.readInt32("elem_type", wireType);
                case 2 -> {
                    dims = new ArrayList<>();
                    r.readMessage("TypeProto.Tensor.shape", wireType, this::shapeField);
                }
                default -> r.skip(number, wireType);
            }
        }

        private void shapeField(int number, int wireType) throws IOException {
            if (number != 1) {
                r.skip(number, wireType);
                return;
            }
            long[] value = {-1};
            r.readMessage("TensorShapeProto.dim[" + dims.size() + "]", wireType, (n, w) -> {
                if (n == 1) {
                    value[0] = r.readVarint("dim_value", w);
                    if (value[0] < 0 || value[0] > Integer.MAX_VALUE) {
                        throw r.fail("dim_value " + value[0] + " is not a valid dimension");
                    }
                } else {
                    r.skip(n, w); // dim_param: a symbolic dimension, kept as -1
                }
            });
            dims.add((int) value[0]);
        }

        int[] dims() {
            return dims == null ? null : dims.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
