package org.cryptorch.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/** Runs single ops through the kernel registry and compares with hand-computed results. */
final class OpTester {
    private final String opType;
    private final Map<String, Attribute> attrs = new LinkedHashMap<>();
    private int opset = Ops.LATEST_OPSET;
    private int outputs = 1;

    private OpTester(String opType) {
        this.opType = opType;
    }

    static OpTester op(String opType) {
        return new OpTester(opType);
    }

    OpTester opset(int v) {
        opset = v;
        return this;
    }

    OpTester outputs(int n) {
        outputs = n;
        return this;
    }

    OpTester attr(String name, long v) {
        attrs.put(name, Attribute.of(name, v));
        return this;
    }

    OpTester attr(String name, double v) {
        attrs.put(name, Attribute.of(name, v));
        return this;
    }

    OpTester attr(String name, String v) {
        attrs.put(name, Attribute.of(name, v));
        return this;
    }

    OpTester attr(String name, Tensor v) {
        attrs.put(name, Attribute.of(name, v));
        return this;
    }

    OpTester ints(String name, long... v) {
        attrs.put(name, Attribute.ofInts(name, v));
        return this;
    }

    /** Evaluates on the inputs (null = omitted optional input) and returns all outputs. */
    List<Tensor> runAll(Tensor... inputs) {
        Graph g = new Graph();
        List<Value> in = new ArrayList<>();
        for (Tensor t : inputs) {
            in.add(t == null ? null : g.constant(t));
        }
        Node n = g.addNode(opType, in, outputs, attrs);
        return Ops.evaluate(n, Arrays.asList(inputs), opset);
    }

    Tensor run(Tensor... inputs) {
        return runAll(inputs).get(0);
    }

    static FloatTensor f(int[] shape, double... v) {
        return new FloatTensor(Shape.of(shape), v);
    }

    static FloatTensor f(double... v) {
        return new FloatTensor(Shape.of(v.length), v);
    }

    static LongTensor l(int[] shape, long... v) {
        return new LongTensor(Shape.of(shape), v);
    }

    static LongTensor l(long... v) {
        return new LongTensor(Shape.of(v.length), v);
    }

    static LongTensor bool(int[] shape, long... v) {
        return new LongTensor(Shape.of(shape), v, DType.BOOL);
    }

    static int[] s(int... dims) {
        return dims;
    }

    static void assertFloat(Tensor t, int[] shape, double... expected) {
        assertThat(t).isInstanceOf(FloatTensor.class);
        assertThat(t.shape()).isEqualTo(Shape.of(shape));
        double[] d = ((FloatTensor) t).data();
        for (int i = 0; i < expected.length; i++) {
            assertThat(d[i]).as("element %d of %s", i, Arrays.toString(d)).isCloseTo(expected[i], within(1e-9));
        }
    }

    static void assertLong(Tensor t, DType dtype, int[] shape, long... expected) {
        assertThat(t).isInstanceOf(LongTensor.class);
        assertThat(t.dtype()).isEqualTo(dtype);
        assertThat(t.shape()).isEqualTo(Shape.of(shape));
        assertThat(((LongTensor) t).data()).containsExactly(expected);
    }
}
