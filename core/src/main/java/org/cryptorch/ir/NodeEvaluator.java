package org.cryptorch.ir;

import java.util.List;
import org.cryptorch.tensor.Tensor;

/**
 * Computes the outputs of one node from concrete input tensors. Shape inference uses it for ops whose output shape
 * depends on constant data (Reshape targets, Slice bounds, shape arithmetic); the float reference interpreter
 * provides the implementation, which keeps this package free of op kernels.
 */
public interface NodeEvaluator {
    /** Whether {@link #evaluate} knows the op type (default ONNX domain or our fused ops). */
    boolean supports(String opType);

    /**
     * @param inputs one tensor per node input, null for an omitted optional input
     * @param opset  the opset of the default ONNX domain, for ops whose semantics changed between versions
     */
    List<Tensor> evaluate(Node node, List<Tensor> inputs, int opset);
}
