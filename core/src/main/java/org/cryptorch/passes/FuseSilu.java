package org.cryptorch.passes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;

/** x * Sigmoid(x) (either operand order) becomes one {@code Silu(x)} node, an op with its own approximations. */
public final class FuseSilu implements Pass {
    @Override
    public String name() {
        return "fuse-silu";
    }

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node sigmoid : new ArrayList<>(g.nodes())) {
            if (!sigmoid.opType().equals("Sigmoid")) {
                continue;
            }
            Value x = sigmoid.input(0);
            Node mul = Patterns.soleUser(g, sigmoid.output(0), "Mul");
            if (mul != null && Patterns.otherInput(mul, sigmoid.output(0)) == x) {
                Patterns.replaceWith(g, mul.output(0), "Silu", List.of(x), Map.of());
                changed = true;
            }
        }
        return changed;
    }
}
