package org.cryptorch.approx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A named choice of approximation and knob values for every op that needs one: the starting point of compilation
 * when no per-site plan is given. {@code crypten} reproduces CrypTen's choices (so its baseline can be measured in
 * our runtime); {@code default} picks accurate and cheap ones. Knobs not named keep the approximation's defaults.
 */
public final class Profile {
    public static final String DEFAULT = "default";
    public static final String CRYPTEN = "crypten";

    private final String name;
    private final Map<String, Choice> byOp;

    private Profile(String name, Map<String, Choice> byOp) {
        this.name = name;
        this.byOp = Collections.unmodifiableMap(new TreeMap<>(byOp));
    }

    public static Profile of(String name, Map<String, Choice> byOp) {
        return new Profile(name, byOp);
    }

    public static List<String> names() {
        return List.of(DEFAULT, CRYPTEN);
    }

    /** A built-in profile; an unknown name is an error listing the known ones. */
    public static Profile named(String name) {
        return switch (name) {
            case DEFAULT -> accurate();
            case CRYPTEN -> crypten();
            default -> throw new IllegalArgumentException("no profile named '" + name + "' (known: " + names() + ")");
        };
    }

    public String name() {
        return name;
    }

    /** Op type to choice, sorted by op. */
    public Map<String, Choice> choices() {
        return byOp;
    }

    public Optional<Choice> choiceFor(String op) {
        return Optional.ofNullable(byOp.get(op));
    }

    /** A copy with {@code op}'s choice replaced (e.g. by a tuner or a user override). */
    public Profile with(String op, Choice choice) {
        Map<String, Choice> m = new LinkedHashMap<>(byOp);
        m.put(op, choice);
        return new Profile(name, m);
    }

    private static Profile accurate() {
        Map<String, Choice> m = new LinkedHashMap<>();
        m.put("Exp", choice("exp.limit"));
        m.put("Reciprocal", choice("reciprocal.goldschmidt", "signed", "1"));
        m.put("Rsqrt", choice("rsqrt.normalized"));
        m.put("Sqrt", choice("sqrt.rsqrt"));
        m.put("Log", choice("log.normalized"));
        m.put("Softmax", choice("softmax.shifted"));
        m.put("MaskedSoftmax", choice("maskedsoftmax.shifted"));
        m.put("LogSoftmax", choice("logsoftmax.shifted"));
        m.put("LayerNormalization", choice("layernorm.rsqrt"));
        m.put("ReduceMax", choice("reducemax.tree"));
        m.put("MaxPool", choice("maxpool.tree"));
        m.put("Relu", choice("relu.ltz"));
        // accuracy over cost for sigmoid and SiLU: squeeze-excitation gates (RegNetY, EfficientNet) multiply whole
        // channels by them, and the networks after them magnify their errors some 50-fold (docs/models.md)
        m.put("Sigmoid", choice("sigmoid.chebyshev"));
        m.put("Tanh", choice("tanh.piecewise"));
        m.put("Erf", choice("erf.polynomial"));
        m.put("Gelu", choice("gelu.even", "select", "fused"));
        // select = indicator: fused cancels P in the ring, but its documented (float) range would end at 17, and
        // EfficientNet's SiLUs see -20
        m.put("Silu", choice("silu.even", "degree", "20", "basis", "chebyshev"));
        putExact(m);
        return new Profile(DEFAULT, m);
    }

    /**
     * CrypTen's defaults: exp limit T = 8 without clamp everywhere (also inside reciprocal, rsqrt and log), signed
     * Newton reciprocal with 10 iterations and the exp guess (the all-positive variant for softmax sums), inv_sqrt by
     * 3 Newton steps, sqrt = x inv_sqrt(x), log by 2 Householder steps of order 8, softmax with the log-depth tree
     * max, ReLU and max by 64-bit comparisons, sigmoid through the reciprocal, tanh = 2 sigmoid(2x) - 1, GELU by the
     * tanh formula.
     */
    private static Profile crypten() {
        Map<String, Choice> m = new LinkedHashMap<>();
        m.put("Exp", choice("exp.limit", cryptenExp("")));
        m.put("Reciprocal", choice("reciprocal.newton", join(cryptenExp("exp."), "iterations", "10", "init", "exp",
            "bits", "64")));
        m.put("Rsqrt", choice("rsqrt.newton", join(cryptenExp("exp."), "iterations", "3")));
        m.put("Sqrt", choice("sqrt.rsqrt", join(cryptenExp("rsqrt.exp."), "rsqrt", "rsqrt.newton")));
        m.put("Log", choice("log.householder", join(cryptenExp("exp."), "iterations", "2", "order", "8")));
        m.put("Softmax", choice("softmax.shifted", cryptenSoftmax("reciprocal", "reciprocal.positive")));
        m.put("MaskedSoftmax", choice("maskedsoftmax.shifted", cryptenSoftmax("reciprocal", "reciprocal.positive")));
        m.put("LogSoftmax", choice("logsoftmax.shifted", cryptenSoftmax("log", "log.householder")));
        m.put("LayerNormalization", choice("layernorm.rsqrt", join(cryptenExp("rsqrt.exp."), "rsqrt",
            "rsqrt.newton")));
        m.put("ReduceMax", choice("reducemax.tree", "bits", "64"));
        m.put("MaxPool", choice("maxpool.tree", "bits", "64"));
        m.put("Relu", choice("relu.ltz", "bits", "64"));
        m.put("Sigmoid", choice("sigmoid.reciprocal", cryptenLogistic("")));
        m.put("Tanh", choice("tanh.reciprocal", cryptenLogistic("")));
        m.put("Erf", choice("erf.polynomial"));
        m.put("Gelu", choice("gelu.tanh", join(cryptenLogistic("tanh."), "tanh", "tanh.reciprocal")));
        m.put("Silu", choice("silu.sigmoid", join(cryptenLogistic("sigmoid."), "sigmoid", "sigmoid.reciprocal")));
        putExact(m, "bits", "64");
        return new Profile(CRYPTEN, m);
    }

    /**
     * CrypTen's sigmoid (and tanh = 2 sigmoid(2x) - 1) at knob path {@code prefix}: exp with 9 squarings, then 3
     * Newton steps of the all-positive reciprocal from 0.75, 64-bit sign comparison.
     */
    private static String[] cryptenLogistic(String prefix) {
        return new String[] {prefix + "exp", "exp.limit", prefix + "exp.iterations", "9", prefix + "exp.clamp", "0",
            prefix + "reciprocal", "reciprocal.positive", prefix + "reciprocal.iterations", "3",
            prefix + "reciprocal.init", "const", prefix + "bits", "64"};
    }

    /** Tree max with 64-bit comparisons, CrypTen's exp, and the given nested normaliser with CrypTen's exp inside. */
    private static String[] cryptenSoftmax(String knob, String approximation) {
        return join(cryptenExp("exp."), join(cryptenExp(knob + ".exp."), "shift", "tree", "bits", "64", knob,
            approximation));
    }

    /**
     * CrypTen's exp at knob path {@code prefix} ("" for the site itself, "exp." for a nested exp knob): the limit
     * with T = 8 and no clamp.
     */
    private static String[] cryptenExp(String prefix) {
        String[] own = {prefix + "iterations", "8", prefix + "clamp", "0"};
        return prefix.isEmpty() ? own : join(own, prefix.substring(0, prefix.length() - 1), "exp.limit");
    }

    private static String[] join(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    /**
     * The ops that comparisons and products compute exactly (ReLU6 and Hardtanh export as Clip, MobileNetV3 uses
     * HardSwish and HardSigmoid): the same choice in every profile, with {@code comparisonKnobs} for those that
     * compare.
     */
    private static void putExact(Map<String, Choice> m, String... comparisonKnobs) {
        for (String op : List.of("LeakyRelu", "HardSigmoid", "HardSwish", "Abs", "Clip", "Sign")) {
            m.put(op, choice(op.toLowerCase(Locale.ROOT) + ".comparison", comparisonKnobs));
        }
        m.put("Max", choice("max.elementwise", comparisonKnobs));
        m.put("Min", choice("min.elementwise", comparisonKnobs));
        m.put("Where", choice("where.select"));
    }

    private static Choice choice(String approximation, String... keyValues) {
        Map<String, String> knobs = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            knobs.put(keyValues[i], keyValues[i + 1]);
        }
        return new Choice(approximation, KnobValues.of(knobs));
    }
}
