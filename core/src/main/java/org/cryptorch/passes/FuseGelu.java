package org.cryptorch.passes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;

/**
 * Recognises GELU written out with elementary ops and replaces it by one ONNX {@code Gelu} node, so that the
 * compiler can pick a GELU approximation instead of approximating Erf or Tanh and multiplying afterwards.
 * Forms (operands of Add and Mul in either order, products associated either way):
 * <ul>
 *   <li>exact: 0.5 * x * (1 + Erf(x / sqrt 2)) (also x * (1/sqrt 2)) → {@code approximate="none"};</li>
 *   <li>tanh: 0.5 * x * (1 + Tanh(sqrt(2/pi) * (x + 0.044715 * x^3))) with x^3 as Pow(x, 3) or x*x*x
 *       → {@code approximate="tanh"};</li>
 *   <li>the same tanh GELU written with a sigmoid: x * Sigmoid(2 sqrt(2/pi) * (x + 0.044715 x^3)).</li>
 * </ul>
 */
public final class FuseGelu implements Pass {
    private static final double SQRT2 = Math.sqrt(2);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double KAPPA = 0.044715;

    @Override
    public String name() {
        return "fuse-gelu";
    }

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node n : new ArrayList<>(g.nodes())) {
            Match m = switch (n.opType()) {
                case "Erf" -> matchErf(g, n);
                case "Tanh" -> matchTanh(g, n);
                case "Sigmoid" -> matchSigmoid(g, n);
                default -> null;
            };
            if (m != null && Patterns.allSingleUse(g, m.interior)) {
                Patterns.replaceWith(g, m.out, "Gelu", List.of(m.x),
                    Map.of("approximate", Attribute.of("approximate", m.approximate)));
                changed = true;
            }
        }
        return changed;
    }

    /** A recognised GELU: input, output, the values in between, and the ONNX approximate attribute. */
    private record Match(Value x, Value out, List<Value> interior, String approximate) {
    }

    private static Match matchErf(Graph g, Node erf) {
        Value scaled = erf.input(0);
        Value x = Patterns.operandBesideConstant(Patterns.producer(scaled, "Mul"), 1 / SQRT2);
        Node div = Patterns.producer(scaled, "Div");
        if (x == null && div != null && Patterns.isConstant(div.input(1), SQRT2)) {
            x = div.input(0);
        }
        return x == null ? null : matchHalfXOnePlus(g, erf.output(0), x, new ArrayList<>(List.of(scaled)), "none");
    }

    private static Match matchTanh(Graph g, Node tanh) {
        Inner inner = matchInner(tanh.input(0), SQRT_2_OVER_PI);
        return inner == null ? null
            : matchHalfXOnePlus(g, tanh.output(0), inner.x, new ArrayList<>(inner.interior), "tanh");
    }

    /** x * Sigmoid(2 sqrt(2/pi) (x + 0.044715 x^3)) equals the tanh GELU since 1 + tanh(z) = 2 sigmoid(2z). */
    private static Match matchSigmoid(Graph g, Node sigmoid) {
        Inner inner = matchInner(sigmoid.input(0), 2 * SQRT_2_OVER_PI);
        if (inner == null) {
            return null;
        }
        Node mul = Patterns.soleUser(g, sigmoid.output(0), "Mul");
        if (mul == null || Patterns.otherInput(mul, sigmoid.output(0)) != inner.x) {
            return null;
        }
        List<Value> interior = new ArrayList<>(inner.interior);
        interior.add(sigmoid.output(0));
        return new Match(inner.x, mul.output(0), interior, "tanh");
    }

    /** The input x of {@code z = c * (x + 0.044715 * x^3)} and the values between x and z. */
    private record Inner(Value x, List<Value> interior) {
    }

    private static Inner matchInner(Value z, double c) {
        Value inner = Patterns.operandBesideConstant(Patterns.producer(z, "Mul"), c);
        Node add = Patterns.producer(inner, "Add");
        if (add == null || add.inputs().size() != 2) {
            return null;
        }
        for (int i = 0; i < 2; i++) {
            Value x = add.input(i);
            Value term = add.input(1 - i);
            Value cube = Patterns.operandBesideConstant(Patterns.producer(term, "Mul"), KAPPA);
            List<Value> cubeInterior = cube == null ? null : cubeInterior(cube, x);
            if (cubeInterior != null) {
                List<Value> interior = new ArrayList<>(List.of(z, inner, term, cube));
                interior.addAll(cubeInterior);
                return new Inner(x, interior);
            }
        }
        return null;
    }

    /**
     * For x^3 written as Pow(x, 3), Mul(x, Mul(x, x)) or Mul(Mul(x, x), x): the values inside it other than x;
     * null if {@code cube} is none of these.
     */
    private static List<Value> cubeInterior(Value cube, Value x) {
        Node pow = Patterns.producer(cube, "Pow");
        if (pow != null) {
            return pow.input(0) == x && Patterns.isConstant(pow.input(1), 3) ? List.of() : null;
        }
        Node mul = Patterns.producer(cube, "Mul");
        Value square = mul == null ? null : Patterns.otherInput(mul, x);
        Node sq = Patterns.producer(square, "Mul");
        return sq != null && sq.input(0) == x && sq.input(1) == x ? List.of(square) : null;
    }

    /**
     * Completes {@code 0.5 * x * (1 + f)} from f: an Add of 1 followed by two Muls with x and 0.5 in any order
     * and association.
     */
    private static Match matchHalfXOnePlus(Graph g, Value f, Value x, List<Value> interior, String approximate) {
        Node addOne = Patterns.soleUser(g, f, "Add");
        if (addOne == null || Patterns.operandBesideConstant(addOne, 1.0) != f) {
            return null;
        }
        Value onePlus = addOne.output(0);
        Node m1 = Patterns.soleUser(g, onePlus, "Mul");
        if (m1 == null) {
            return null;
        }
        interior.add(f);
        interior.add(onePlus);
        Value other = Patterns.otherInput(m1, onePlus);
        Value out = null;
        if (other == x) {
            Node m2 = Patterns.soleUser(g, m1.output(0), "Mul");
            out = m2 != null && Patterns.operandBesideConstant(m2, 0.5) == m1.output(0) ? m2.output(0) : null;
            interior.add(m1.output(0));
        } else if (Patterns.isConstant(other, 0.5)) {
            Node m2 = Patterns.soleUser(g, m1.output(0), "Mul");
            out = m2 != null && Patterns.otherInput(m2, m1.output(0)) == x ? m2.output(0) : null;
            interior.add(m1.output(0));
        } else if (Patterns.operandBesideConstant(Patterns.producer(other, "Mul"), 0.5) == x) {
            out = m1.output(0);
            interior.add(other);
        }
        return out == null ? null : new Match(x, out, interior, approximate);
    }
}
