package org.cryptorch.cli.approx;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.cryptorch.approx.Approximation;
import org.cryptorch.approx.KnobValues;
import org.cryptorch.approx.Primitives;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.ShapeInference;
import org.cryptorch.ir.Value;
import org.cryptorch.mpc.ArithmeticCosts;
import org.cryptorch.mpc.ComparisonCosts;
import org.cryptorch.mpc.Cost;
import org.cryptorch.reference.Ops;

/**
 * A structural ESTIMATE of an approximation's online cost on its sample site, until the lowering's exact cost
 * replaces it: rounds = the critical path counting each secret product (Mul, MatMul) as 1 and each Ltz as
 * {@link ComparisonCosts#ltz} rounds (64 bits when the width is left to the lowering), with no truncation rounds;
 * bytes per party from the {@link ArithmeticCosts} / {@link ComparisonCosts} formulas summed over all secret
 * products and comparisons, divided by the number of input elements. A value is secret when it depends on x.
 */
public record CostEstimate(long rounds, double bytesPerElement) {
    private static final int DEFAULT_BITS = 64;

    public static CostEstimate of(Approximation a, KnobValues knobs) {
        KnobValues complete = knobs.complete(a);
        SampleSite site = SampleSite.of(a.op(), a.documentedRange(complete));
        Graph g = site.approximatedGraph(a, complete);
        new ShapeInference(Ops.evaluator()).infer(g, Map.of());
        Set<Value> secret = new HashSet<>(g.inputs());
        Map<Value, Long> depth = new HashMap<>();
        long bytes = 0;
        long rounds = 0;
        for (Node n : g.nodes()) {
            long before = 0;
            boolean anySecret = false;
            int secretInputs = 0;
            for (Value v : n.inputs()) {
                if (v != null && secret.contains(v)) {
                    anySecret = true;
                    secretInputs++;
                    before = Math.max(before, depth.getOrDefault(v, 0L));
                }
            }
            Cost c = anySecret ? cost(n, secretInputs) : Cost.FREE;
            bytes += c.bytesPerParty();
            for (Value out : n.outputs()) {
                if (anySecret) {
                    secret.add(out);
                    depth.put(out, before + c.rounds());
                    rounds = Math.max(rounds, before + c.rounds());
                }
            }
        }
        return new CostEstimate(rounds, (double) bytes / site.x().size());
    }

    private static Cost cost(Node n, int secretInputs) {
        long elements = n.output(0).shape().size();
        return switch (n.opType()) {
            case Primitives.LTZ -> ComparisonCosts.ltz(elements, bits(n));
            case "Mul" -> secretInputs < 2 ? Cost.FREE
                : n.input(0) == n.input(1) ? ArithmeticCosts.square(elements) : ArithmeticCosts.mul(elements);
            case "MatMul" -> secretInputs < 2 ? Cost.FREE
                : ArithmeticCosts.matmul(n.input(0).shape(), n.input(1).shape());
            default -> Cost.FREE;
        };
    }

    private static int bits(Node n) {
        long b = n.intAttr("bits", 0);
        return b == 0 ? DEFAULT_BITS : (int) b;
    }
}
