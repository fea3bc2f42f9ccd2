package org.cryptorch.tensor;

/** A dense row-major tensor: ring/integer elements in {@link LongTensor}, real numbers in {@link FloatTensor}. */
public sealed interface Tensor permits LongTensor, FloatTensor {
    Shape shape();

    DType dtype();

    /** Samples {@code start} (inclusive) to {@code end} (exclusive) along the first axis of {@code t}. */
    static Tensor samples(Tensor t, int start, int end) {
        return switch (t) {
            case FloatTensor f -> f.slice(0, start, end, 1);
            case LongTensor l -> l.slice(0, start, end, 1);
        };
    }
}
