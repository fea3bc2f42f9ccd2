package org.cryptorch.mpc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * Fusion of element-wise protocols: the operands of a step are laid end to end in one flat tensor, the protocol
 * runs once on it (so its rounds are paid once), and the result is cut back into the original shapes.
 */
public final class Batched {
    private Batched() {
    }

    public static List<LongTensor> apply(List<LongTensor> xs, UnaryOperator<LongTensor> protocol) {
        if (xs.size() == 1) {
            return List.of(protocol.apply(xs.get(0)));
        }
        return split(protocol.apply(concat(xs)), shapes(xs));
    }

    /** A protocol of two operand lists (element-wise pairs of equal shapes). */
    public static List<LongTensor> apply(List<LongTensor> xs, List<LongTensor> ys, BinaryOperator<LongTensor> protocol) {
        if (xs.size() == 1) {
            return List.of(protocol.apply(xs.get(0), ys.get(0)));
        }
        return split(protocol.apply(concat(xs), concat(ys)), shapes(xs));
    }

    /** The shares of {@code operands}, for protocols that do not use fixed masks. */
    public static List<LongTensor> shares(List<Arithmetic.Operand> operands) {
        return operands.stream().map(Arithmetic.Operand::share).toList();
    }

    public static LongTensor concat(List<LongTensor> parts) {
        int n = 0;
        for (LongTensor t : parts) {
            n += t.size();
        }
        long[] data = new long[n];
        int at = 0;
        for (LongTensor t : parts) {
            System.arraycopy(t.data(), 0, data, at, t.size());
            at += t.size();
        }
        return new LongTensor(Shape.of(n), data);
    }

    /** Cuts {@code flat} into tensors of the given shapes. */
    public static List<LongTensor> split(LongTensor flat, List<Shape> shapes) {
        List<LongTensor> out = new ArrayList<>();
        int at = 0;
        for (Shape s : shapes) {
            long[] part = new long[s.size()];
            System.arraycopy(flat.data(), at, part, 0, part.length);
            at += part.length;
            out.add(new LongTensor(s, part));
        }
        return out;
    }

    private static List<Shape> shapes(List<LongTensor> xs) {
        return xs.stream().map(LongTensor::shape).toList();
    }
}
