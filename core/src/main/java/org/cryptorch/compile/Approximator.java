package org.cryptorch.compile;

import java.util.ArrayList;
import java.util.List;
import org.cryptorch.approx.Approximation;
import org.cryptorch.approx.ConfigurationRejectedException;
import org.cryptorch.approx.Emitter;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.OpTable;
import org.cryptorch.ir.ShapeInference;
import org.cryptorch.ir.Value;
import org.cryptorch.reference.Ops;

/**
 * Replaces every node that MPC cannot compute exactly ({@link OpTable#approximationReason}) by the primitives of the
 * approximation the plan chose for it. The emitted nodes are named {@code site#op_k}, so that costs and statistics
 * of the lowered program can be attributed to the plan site ({@link #siteOf}).
 */
public final class Approximator {
    /** Separates the site from the rest of an emitted node's name; ONNX exporters do not use it. */
    public static final char SITE_SEPARATOR = '#';

    private Approximator() {
    }

    /**
     * Rewrites {@code g} in place. Every value of {@code g} must be typed (shape inference done); the values the
     * approximations emit are typed as they are appended, so that a later site (a MaxPool after an approximated
     * Relu) can read the static shape of its input.
     *
     * @throws IllegalArgumentException        naming the first site the plan does not cover (with its op and why it
     *                                         needs an approximation), or a site whose plan entry is invalid
     * @throws ConfigurationRejectedException  naming a site whose knob values are invalid or whose approximation
     *                                         refuses it
     * @throws IllegalStateException           naming the site, approximation and knob values when the approximation
     *                                         fails otherwise (a bug)
     */
    public static void approximate(Graph g, Plan plan) {
        ShapeInference shapes = new ShapeInference(Ops.evaluator());
        for (Node n : new ArrayList<>(g.nodes())) {
            String reason = OpTable.approximationReason(n);
            if (reason == null) {
                continue;
            }
            Plan.Site site = plan.site(n.name()).orElseThrow(() -> new IllegalArgumentException("site '" + n.name()
                + "' (" + n.opType() + ") needs an approximation (" + reason + ") but the plan has none for it"));
            if (!site.op().equals(n.opType())) {
                throw new IllegalArgumentException("plan says site '" + n.name() + "' is a " + site.op()
                    + ", but the graph has a " + n.opType() + " there");
            }
            replace(g, n, site, shapes);
        }
        g.sortTopologically();
    }

    /** The plan site a (possibly emitted) node belongs to: its name up to {@link #SITE_SEPARATOR}. */
    public static String siteOf(String nodeName) {
        int at = nodeName.indexOf(SITE_SEPARATOR);
        return at < 0 ? nodeName : nodeName.substring(0, at);
    }

    /**
     * An {@link IllegalArgumentException} out of the approximation means it refuses this site or
     * these knob values ({@link ConfigurationRejectedException}: the tuner skips such a candidate); anything else is a
     * bug, reported with the site, approximation and knob values so that it cannot pass for a refusal.
     */
    private static void replace(Graph g, Node n, Plan.Site site, ShapeInference shapes) {
        Approximation a = site.resolve();
        int before = g.nodes().size();
        List<Value> outs;
        try {
            outs = new Emitter(g).apply(a, n.inputs(), n.attributes(), site.knobs());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationRejectedException(describe(n, site) + " refused: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(describe(n, site) + " crashed: " + e, e);
        }
        if (outs.size() < n.outputs().size()) {
            throw new IllegalStateException(describe(n, site) + " returned "
                + outs.size() + " outputs, the op has " + n.outputs().size());
        }
        nameEmitted(g, before, n.name());
        shapes.inferAppended(g.nodes().subList(before, g.nodes().size()), g.opset());
        for (int i = 0; i < n.outputs().size(); i++) {
            g.replaceAllUses(n.output(i), outs.get(i));
        }
        g.removeNode(n);
    }

    private static String describe(Node n, Plan.Site site) {
        return "site '" + n.name() + "' (" + n.opType() + "): approximation " + site.approximation() + " with knobs "
            + site.knobs();
    }

    /** Names the nodes appended since index {@code from} after {@code site}. */
    static void nameEmitted(Graph g, int from, String site) {
        List<Node> nodes = g.nodes();
        for (int k = from; k < nodes.size(); k++) {
            Node e = nodes.get(k);
            e.rename(siteOf(site) + SITE_SEPARATOR + e.opType() + "_" + (k - from));
        }
    }
}
