package org.cryptorch.reference;

import static org.cryptorch.reference.OpTester.assertFloat;
import static org.cryptorch.reference.OpTester.assertLong;
import static org.cryptorch.reference.OpTester.f;
import static org.cryptorch.reference.OpTester.l;
import static org.cryptorch.reference.OpTester.op;
import static org.cryptorch.reference.OpTester.s;

import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

class ReduceAndConstantOpsTest {
    private static final FloatTensor M23 = f(s(2, 3), 1, 2, 3, 4, 5, 6);

    @Test
    void reduceSumAxesFromAttributeOrInput() {
        assertFloat(op("ReduceSum").opset(11).ints("axes", 1).run(M23), s(2, 1), 6, 15);
        assertFloat(op("ReduceSum").opset(13).attr("keepdims", 0L).run(M23, l(0)), s(3), 5, 7, 9);
        assertFloat(op("ReduceSum").run(M23), s(1, 1), 21);
        assertFloat(op("ReduceSum").attr("noop_with_empty_axes", 1L).run(M23, l(s(0))), s(2, 3), 1, 2, 3);
    }

    @Test
    void meanMaxAndLogSumExp() {
        assertFloat(op("ReduceMean").ints("axes", -1).attr("keepdims", 0L).run(M23), s(2), 2, 5);
        assertFloat(op("ReduceMax").ints("axes", 0).run(M23), s(1, 3), 4, 5, 6);
        assertFloat(op("ReduceLogSumExp").ints("axes", 1).attr("keepdims", 0L).run(f(s(1, 2), 1000, 1000)),
            s(1), 1000 + Math.log(2));
    }

    @Test
    void reduceProd() {
        assertFloat(op("ReduceProd").ints("axes", 1).run(M23), s(2, 1), 6, 120);
        assertFloat(op("ReduceProd").attr("keepdims", 0L).run(M23), s(), 720);
    }

    @Test
    void argMaxAndArgMinWithTies() {
        FloatTensor x = f(s(2, 3), 1, 3, 3, 0, 0, -1);
        assertLong(op("ArgMax").attr("axis", 1L).run(x), DType.INT64, s(2, 1), 1, 0);
        assertLong(op("ArgMax").attr("axis", 1L).attr("select_last_index", 1L).attr("keepdims", 0L).run(x),
            DType.INT64, s(2), 2, 1);
        assertLong(op("ArgMin").attr("axis", 1L).attr("keepdims", 0L).run(x), DType.INT64, s(2), 0, 2);
    }

    @Test
    void shapeWithStartAndEnd() {
        FloatTensor x = FloatTensor.zeros(Shape.of(2, 3, 4));
        assertLong(op("Shape").run(x), DType.INT64, s(3), 2, 3, 4);
        assertLong(op("Shape").attr("start", -2L).run(x), DType.INT64, s(2), 3, 4);
        assertLong(op("Shape").attr("start", 1L).attr("end", 2L).run(x), DType.INT64, s(1), 3);
    }

    @Test
    void constantOfShapeAndConstant() {
        LongTensor seven = new LongTensor(Shape.of(1), new long[] {7});
        assertLong(op("ConstantOfShape").attr("value", seven).run(l(2, 1)), DType.INT64, s(2, 1), 7, 7);
        assertFloat(op("ConstantOfShape").run(l(2)), s(2), 0, 0);
        assertFloat(op("Constant").attr("value_float", 2.5).run(), s(), 2.5);
        assertLong(op("Constant").ints("value_ints", 1, 2).run(), DType.INT64, s(2), 1, 2);
    }

    @Test
    void castTruncatesRoundsToFloat32AndMakesBools() {
        assertLong(op("Cast").attr("to", 7L).run(f(-1.7, 2.9)), DType.INT64, s(2), -1, 2);
        assertLong(op("Cast").attr("to", 9L).run(f(0, 0.1)), DType.BOOL, s(2), 0, 1);
        assertFloat(op("Cast").attr("to", 1L).run(new FloatTensor(Shape.of(1), new double[] {0.1}, DType.FLOAT64)),
            s(1), (float) 0.1);
        assertFloat(op("Cast").attr("to", 11L).run(l(3)), s(1), 3);
        assertFloat(op("Cast").attr("to", 10L).run(f(1 / 3.0, 70000)), s(2), 0.333251953125,
            Double.POSITIVE_INFINITY);
        assertFloat(op("Cast").attr("to", 16L).run(f(1 / 3.0, Double.NaN)), s(2), 0.333984375, Double.NaN);
    }

    @Test
    void rangeAndIdentityAndDropout() {
        assertLong(op("Range").run(l(s(), 1), l(s(), 7), l(s(), 2)), DType.INT64, s(3), 1, 3, 5);
        assertFloat(op("Range").run(f(s(), 1), f(s(), 0), f(s(), -0.5)), s(2), 1, 0.5);
        assertFloat(op("Dropout").run(f(1, 2)), s(2), 1, 2);
        assertLong(op("Dropout").outputs(2).runAll(f(1, 2)).get(1), DType.BOOL, s(2), 1, 1);
    }
}
