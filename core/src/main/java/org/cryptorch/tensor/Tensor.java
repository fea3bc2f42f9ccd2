package org.cryptorch.tensor;

/** A dense row-major tensor: ring/integer elements in {@link LongTensor}, real numbers in {@link FloatTensor}. */
public sealed interface Tensor permits LongTensor, FloatTensor {
    Shape shape();

    DType dtype();
}
