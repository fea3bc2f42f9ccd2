package org.cryptorch.onnx;

import org.cryptorch.testdata.TestData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

class OnnxReaderTest {
    private static ProtoBytes tensorType(int elemType, Object... dims) {
        ProtoBytes shape = new ProtoBytes();
        for (Object d : dims) {
            shape.message(1, d instanceof String s ? new ProtoBytes().string(2, s)
                : new ProtoBytes().varint(1, ((Number) d).longValue()));
        }
        return new ProtoBytes().message(1, new ProtoBytes().varint(1, elemType).message(2, shape));
    }

    private static ProtoBytes valueInfo(String name, int elemType, Object... dims) {
        return new ProtoBytes().string(1, name).message(2, tensorType(elemType, dims));
    }

    private static ProtoBytes floatTensor(String name, int[] dims, float... values) {
        ProtoBytes t = new ProtoBytes();
        for (int d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, 1).string(8, name).bytes(9, ProtoBytes.floatsLe(values));
    }

    private static byte[] model(ProtoBytes graph, int opset) {
        return new ProtoBytes().varint(1, 8).message(8, new ProtoBytes().string(1, "").varint(2, opset))
            .message(7, graph).toByteArray();
    }

    /** A Constant node and a Gemm node with every attribute kind, an initializer, an omitted optional input. */
    private static ProtoBytes sampleGraph() {
        ProtoBytes constant = new ProtoBytes().string(2, "c").string(3, "const0").string(4, "Constant")
            .message(5, new ProtoBytes().string(1, "value").varint(20, 4)
                .message(5, new ProtoBytes().varint(1, 2).varint(2, 7).packedVarints(7, 3, -4)));
        ProtoBytes gemm = new ProtoBytes().string(1, "x").string(1, "w").string(1, "").string(2, "y")
            .string(3, "gemm0").string(4, "Gemm")
            .message(5, new ProtoBytes().string(1, "alpha").fixed32(2, 0.5f).varint(20, 1))
            .message(5, new ProtoBytes().string(1, "transB").varint(3, 1).varint(20, 2))
            .message(5, new ProtoBytes().string(1, "axes").packedVarints(8, 0, -1).varint(20, 7))
            .message(5, new ProtoBytes().string(1, "scales").fixed32(7, 1.5f).fixed32(7, 2.5f).varint(20, 6))
            .message(5, new ProtoBytes().string(1, "mode").string(4, "tanh").varint(20, 3))
            .message(5, new ProtoBytes().string(1, "names").string(9, "a").string(9, "b").varint(20, 8))
            .message(5, new ProtoBytes().string(1, "untyped").varint(3, 7)); // old files omit 'type'
        return new ProtoBytes().message(1, constant).message(1, gemm)
            .message(5, floatTensor("w", new int[] {2, 2}, 1, 2, 3, 4))
            .message(11, valueInfo("x", 1, "N", 2))
            .message(11, valueInfo("w", 1, 2, 2))
            .message(12, valueInfo("y", 1, "N", 2))
            .varint(99, 5); // an unknown field, skipped
    }

    @Test
    void readsNodesAttributesInitializersAndDeclaredShapes() {
        Graph g = OnnxReader.read(model(sampleGraph(), 13));

        assertThat(g.opset()).isEqualTo(13);
        assertThat(g.inputs()).extracting(Value::name).containsExactly("x");
        Value x = g.inputs().get(0);
        assertThat(x.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(x.declaredDims()).containsExactly(-1, 2);
        assertThat(x.shape()).isNull();

        List<Node> nodes = g.nodes();
        assertThat(nodes).extracting(Node::opType).containsExactly("Constant", "Gemm");
        LongTensor c = (LongTensor) nodes.get(0).attribute("value").asTensor();
        assertThat(c.shape()).isEqualTo(Shape.of(2));
        assertThat(c.data()).containsExactly(3, -4);

        Node gemm = nodes.get(1);
        assertThat(gemm.name()).isEqualTo("gemm0");
        assertThat(gemm.input(0)).isSameAs(x);
        Value w = gemm.input(1);
        assertThat(w.isConstant()).isTrue();
        assertThat(((FloatTensor) w.constant()).data()).containsExactly(1, 2, 3, 4);
        assertThat(w.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(gemm.inputs()).hasSize(3);
        assertThat(gemm.input(2)).isNull();
        assertThat(gemm.floatAttr("alpha", 0)).isEqualTo(0.5);
        assertThat(gemm.intAttr("transB", 0)).isEqualTo(1);
        assertThat(gemm.intsAttr("axes", null)).containsExactly(0, -1);
        assertThat(gemm.attribute("scales").asFloats()).containsExactly(1.5, 2.5);
        assertThat(gemm.stringAttr("mode", "")).isEqualTo("tanh");
        assertThat(gemm.attribute("names").asStrings()).containsExactly("a", "b");
        assertThat(gemm.intAttr("untyped", 0)).isEqualTo(7);

        assertThat(g.outputs()).containsExactly(gemm.output(0));
        assertThat(g.outputs().get(0).declaredDims()).containsExactly(-1, 2);
        assertThat(g.outputs().get(0).dtype()).isEqualTo(DType.FLOAT32);
    }

    @Test
    void readsFromDirectAndOffsetBuffers() {
        byte[] bytes = model(sampleGraph(), 13);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 3).put(new byte[] {9, 9, 9}).put(bytes);
        direct.position(3);
        Graph g = OnnxReader.read(direct);
        assertThat(g.nodes()).extracting(Node::opType).containsExactly("Constant", "Gemm");
        assertThat(((FloatTensor) g.nodes().get(1).input(1).constant()).data()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void truncatedVarintNamesTheAttribute() {
        ProtoBytes node = new ProtoBytes().string(1, "x").string(2, "y").string(3, "n0").string(4, "ReduceSum")
            .message(5, new ProtoBytes().string(1, "keepdims").varint(3, 1))
            .message(5, new ProtoBytes().string(1, "axes").raw((byte) (8 << 3), (byte) 0x80));
        byte[] bytes = model(new ProtoBytes().message(1, node).message(11, valueInfo("x", 1, 3))
            .message(12, valueInfo("y", 1, 3)), 11);

        assertThatThrownBy(() -> OnnxReader.read(bytes)).isInstanceOf(ModelFormatException.class)
            .hasMessage("ModelProto.graph > GraphProto.node[0] (name 'n0') > NodeProto.attribute[1]"
                + " (name 'axes'): ints: truncated varint");
    }

    @Test
    void externalDataIsRefusedByName() {
        ProtoBytes w = new ProtoBytes().varint(1, 2).varint(2, 1).string(8, "w")
            .message(13, new ProtoBytes().string(1, "location").string(2, "weights.bin")).varint(14, 1);
        byte[] bytes = model(new ProtoBytes().message(5, w), 13);

        assertThatThrownBy(() -> OnnxReader.read(bytes)).isInstanceOf(ModelFormatException.class)
            .hasMessageEndingWith("tensor 'w' is stored as external data (file weights.bin); CrypTorch needs a"
                + " self-contained model");
    }

    @Test
    void graphAttributesAreRefusedClearly() {
        ProtoBytes node = new ProtoBytes().string(3, "loop").string(4, "Loop")
            .message(5, new ProtoBytes().string(1, "body").message(6, new ProtoBytes()).varint(20, 5));
        byte[] bytes = model(new ProtoBytes().message(1, node), 13);

        assertThatThrownBy(() -> OnnxReader.read(bytes)).isInstanceOf(ModelFormatException.class)
            .hasMessageContaining("(name 'body'): graph-valued attributes (bodies of If/Loop/Scan) are not supported");
    }

    @Test
    void undefinedInputsAndDuplicateDefinitionsAreErrors() {
        ProtoBytes reads = new ProtoBytes().string(1, "ghost").string(2, "y").string(3, "relu").string(4, "Relu");
        assertThatThrownBy(() -> OnnxReader.read(model(new ProtoBytes().message(1, reads), 13)))
            .isInstanceOf(ModelFormatException.class)
            .hasMessage("ModelProto.graph: node 'relu' (Relu) reads 'ghost', which no node, graph input or"
                + " initializer defines");

        ProtoBytes twice = new ProtoBytes().message(11, valueInfo("x", 1, 2))
            .message(1, new ProtoBytes().string(1, "x").string(2, "x").string(4, "Relu"));
        assertThatThrownBy(() -> OnnxReader.read(model(twice, 13)))
            .isInstanceOf(ModelFormatException.class).hasMessageContaining("value 'x' is defined twice");
    }

    @Test
    void rawDataOfTheWrongSizeNamesTheTensor() {
        ProtoBytes w = floatTensor("bias", new int[] {3}, 1, 2);
        assertThatThrownBy(() -> OnnxReader.read(model(new ProtoBytes().message(5, w), 13)))
            .isInstanceOf(ModelFormatException.class)
            .hasMessage("ModelProto.graph > GraphProto.initializer[0] (name 'bias'): raw_data has 8"
                + " bytes but shape [3] of FLOAT needs 12");
    }

    @Test
    void nodesOutOfOrderAreSorted() {
        ProtoBytes second = new ProtoBytes().string(1, "h").string(2, "y").string(3, "b").string(4, "Relu");
        ProtoBytes first = new ProtoBytes().string(1, "x").string(2, "h").string(3, "a").string(4, "Neg");
        Graph g = OnnxReader.read(model(new ProtoBytes().message(1, second).message(1, first)
            .message(11, valueInfo("x", 1, 2)).message(12, valueInfo("y", 1, 2)), 13));
        assertThat(g.nodes()).extracting(Node::name).containsExactly("a", "b");
    }

    @Test
    void notAModelFileIsAFormatError() {
        assertThatThrownBy(() -> OnnxReader.read("hello, world".getBytes()))
            .isInstanceOf(ModelFormatException.class);
        assertThatThrownBy(() -> OnnxReader.read(new byte[0]))
            .isInstanceOf(ModelFormatException.class).hasMessageContaining("no graph");
    }

    @Test
    void readsTheSharedMlp() {
        Path dir = TestData.sharedModels().orElse(null);
        assumeTrue(dir != null, "shared/models not found above the working directory; skipping");
        Graph g = OnnxReader.read(dir.resolve("fmnist_mlp/model.onnx"));

        assertThat(g.inputs()).hasSize(1);
        assertThat(g.inputs().get(0).declaredDims()).endsWith(1, 28, 28);
        assertThat(g.outputs()).hasSize(1);
        assertThat(g.nodes()).extracting(Node::opType).contains("Erf", "Sigmoid", "Softmax");
        // 784-256-128-10: the weight matrices are initializers, whatever the exporter's layout
        long params = g.nodes().stream().flatMap(n -> n.inputs().stream())
            .filter(v -> v != null && v.isConstant()).distinct().mapToLong(v -> v.shape().size()).sum();
        assertThat(params).isGreaterThanOrEqualTo(784L * 256 + 256 * 128 + 128 * 10);
    }

    @Test
    void readsABackendTestCase() {
        Path data = TestData.libonnx().orElse(null);
        assumeTrue(data != null, "libonnx-testdata not installed; skipping");
        Path dir = data.resolve("node/test_softmax_axis_0");
        Graph g = OnnxReader.read(dir.resolve("model.onnx"));

        assertThat(g.nodes()).hasSize(1);
        assertThat(g.nodes().get(0).opType()).isEqualTo("Softmax");
        assertThat(g.nodes().get(0).intAttr("axis", -1)).isEqualTo(0);
        assertThat(g.inputs().get(0).shape()).isEqualTo(Shape.of(3, 4, 5));
        FloatTensor in = (FloatTensor) TensorFiles.read(dir.resolve("test_data_set_0/input_0.pb"));
        assertThat(in.shape()).isEqualTo(Shape.of(3, 4, 5));
    }
}
