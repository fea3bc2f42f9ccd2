package org.cryptorch.compile;

import java.util.Map;
import org.cryptorch.approx.Profile;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;

/** A small canonical graph, x[2, 4] -> MatMul W[4, 3] -> Relu, and the stages before the one a test looks at. */
final class StageGraphs {
    static final Shape X = Shape.of(2, 4);

    private StageGraphs() {
    }

    static Graph reluLayer() {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, X);
        double[] w = new double[12];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 5 - 2) * 0.25;
        }
        g.addOutput(g.op("Relu", g.op("MatMul", x, g.constant("W", new FloatTensor(Shape.of(4, 3), w)))));
        return g;
    }

    static Plan defaultPlan(Graph canonical) {
        return Plan.fromProfile(canonical, Profile.named(Profile.DEFAULT));
    }

    /** {@code canonical} through approximate and linearize, typed. */
    static Graph approximated(Graph canonical) {
        return Compiler.approximate(canonical, Map.of("x", X), defaultPlan(canonical));
    }

    static FloatTensor sample(double... values) {
        return new FloatTensor(X, values);
    }
}
