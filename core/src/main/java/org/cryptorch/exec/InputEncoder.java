package org.cryptorch.exec;

import java.util.Map;
import org.cryptorch.compile.Instruction;
import org.cryptorch.tensor.FixedPoint;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * Turns the owner's input tensors into the encoded values it shares: fixed point for reals, one-hot rows for
 * secret indices (so that a gather becomes a product the other party cannot see the indices of).
 */
final class InputEncoder {
    private final Backend backend;

    InputEncoder(Backend backend) {
        this.backend = backend;
    }

    /** The encoded value of {@code in}, or null when this party does not own it. */
    LongTensor encode(Instruction.Input in, Map<String, ? extends Tensor> inputs) {
        if (!backend.actsFor(in.owner())) {
            return null;
        }
        Tensor t = inputs.get(in.name());
        if (t == null) {
            throw new IllegalArgumentException("missing input '" + in.name() + "' (party " + in.owner() + " owns it)");
        }
        LongTensor encoded = in.oneHotDepth() > 0 ? oneHot(in, t) : encode(in, t);
        if (!encoded.shape().equals(in.shape())) {
            throw new IllegalArgumentException("input '" + in.name() + "' has shape " + t.shape()
                + ", the program was compiled for " + in.shape());
        }
        return encoded;
    }

    private static LongTensor encode(Instruction.Input in, Tensor t) {
        return switch (t) {
            case FloatTensor f -> FixedPoint.encode(f, in.scale());
            case LongTensor l -> l.mulScalar(1L << in.scale());
        };
    }

    private static LongTensor oneHot(Instruction.Input in, Tensor t) {
        if (!(t instanceof LongTensor idx)) {
            throw new IllegalArgumentException("input '" + in.name() + "' holds indices and must be integer, got "
                + t.dtype());
        }
        int depth = in.oneHotDepth();
        long[] data = idx.data();
        long[] out = new long[data.length * depth];
        for (int i = 0; i < data.length; i++) {
            long k = data[i] < 0 ? data[i] + depth : data[i];
            if (k < 0 || k >= depth) {
                throw new IllegalArgumentException("input '" + in.name() + "': index " + data[i] + " outside [0, "
                    + depth + ")");
            }
            out[i * depth + (int) k] = 1;
        }
        int[] dims = idx.shape().dims();
        int[] outDims = java.util.Arrays.copyOf(dims, dims.length + 1);
        outDims[dims.length] = depth;
        return new LongTensor(Shape.of(outDims), out);
    }
}
