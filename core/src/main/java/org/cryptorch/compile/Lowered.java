package org.cryptorch.compile;

import org.cryptorch.tensor.Tensor;

/** How a graph value exists in a program being lowered: a public tensor, or a secret slot at a scale. */
sealed interface Lowered {
    /** Known to both parties (folded in float at compile time). */
    record Pub(Tensor t) implements Lowered {
    }

    /** A secret in {@code slot} with {@code scale} fractional bits. */
    record Sec(int slot, int scale) implements Lowered {
    }
}
