package org.cryptorch.passes;

import java.util.List;
import org.cryptorch.ir.Node;
import org.cryptorch.tensor.Tensor;

/** Evaluates a single node on constant inputs (the float interpreter in the standard pipeline). */
public interface NodeEvaluator {
    /** Whether {@link #evaluate} can compute {@code node}. */
    boolean supports(Node node);

    /** The node's outputs for the given inputs (an entry is null for an omitted optional input). */
    List<Tensor> evaluate(Node node, List<Tensor> inputs);
}
