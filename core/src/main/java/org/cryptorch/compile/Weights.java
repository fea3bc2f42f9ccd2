package org.cryptorch.compile;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;

/**
 * Which constant tensors are the model's weights (secret when a party owns them): the float constants of the
 * canonical graph with more than one element, recognised by identity (copies share the tensors). Scalars are the
 * architecture's constants (scaling factors, epsilons), and constants made by approximations or the compiler are
 * new tensors, so both stay public.
 */
final class Weights {
    private final Set<Tensor> tensors;

    private Weights(Set<Tensor> tensors) {
        this.tensors = tensors;
    }

    static Weights of(Graph canonical) {
        Set<Tensor> s = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node n : canonical.nodes()) {
            for (Value v : n.inputs()) {
                if (v != null && v.isConstant() && v.constant() instanceof FloatTensor f && f.size() > 1) {
                    s.add(f);
                }
            }
        }
        return new Weights(s);
    }

    boolean isWeight(Tensor t) {
        return tensors.contains(t);
    }
}
