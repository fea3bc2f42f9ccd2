package org.cryptorch.reference;

import java.util.List;
import org.cryptorch.tensor.Tensor;

/** Float semantics of one ONNX op (or op family member): output tensors from a {@link Call}. */
@FunctionalInterface
interface Kernel {
    List<Tensor> apply(Call call);

    /** A kernel with a single output. */
    @FunctionalInterface
    interface Single {
        Tensor apply(Call call);
    }
}
