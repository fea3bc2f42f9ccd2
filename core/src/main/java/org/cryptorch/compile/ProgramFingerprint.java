package org.cryptorch.compile;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * What two parties must agree on to run a program together, by content: a hash of the compiled {@link Program}
 * and the named settings that shaped it (model structure, plan, batch, ownership, calibration, fixed-point bits,
 * ...). Each party computes its own fingerprint, they exchange {@link #encode() encodings}, and
 * {@link #requireSame} refuses a difference in one line naming both hashes and the first differing setting.
 *
 * <p>Nothing here depends on the values of secret weights: the party without the weights compiles from their
 * shapes alone (a weightless copy of the model, or {@link Program#withoutWeightValues}), and different weight values
 * are no disagreement between the parties, since only their owner holds them. Everything else the program
 * computes with is hashed: instructions, slot shapes and scales, comparison widths, truncation modes and every
 * public constant (public weights included).
 *
 * @param program  the program's hash ({@link #hashProgram}), or {@link #NOT_COMPILED} for a check before compiling
 * @param settings name and value of each setting, in a fixed order
 */
public record ProgramFingerprint(String program, List<Setting> settings) {
    /** The program hash of a fingerprint taken before compiling (settings only). */
    public static final String NOT_COMPILED = "-";

    /** One setting: a name and its value, both single-line, the name without {@code '='}. */
    public record Setting(String name, String value) {
        public Setting {
            if (name.isEmpty() || name.contains("=") || name.contains("\n") || value.contains("\n")) {
                throw new IllegalArgumentException("a fingerprint setting is one line 'name=value', got '" + name
                    + "=" + value + "'");
            }
        }
    }

    public ProgramFingerprint {
        settings = List.copyOf(settings);
    }

    /** The fingerprint of {@code program} compiled under {@code settings}. */
    public static ProgramFingerprint of(Program program, List<Setting> settings) {
        return new ProgramFingerprint(hashProgram(program), settings);
    }

    /** A fingerprint of the settings alone, compared before anything is compiled. */
    public static ProgramFingerprint ofSettings(List<Setting> settings) {
        return new ProgramFingerprint(NOT_COMPILED, settings);
    }

    /** The hash of everything in this fingerprint. */
    public String hash() {
        ContentDigest d = new ContentDigest().putString(program).putLong(settings.size());
        settings.forEach(s -> d.putString(s.name()).putString(s.value()));
        return d.hex();
    }

    /** One {@code name=value} line per setting after a {@code program=} line; {@link #decode} reads it back. */
    public String encode() {
        StringBuilder sb = new StringBuilder("program=").append(program);
        settings.forEach(s -> sb.append('\n').append(s.name()).append('=').append(s.value()));
        return sb.toString();
    }

    /** Reads {@link #encode()}'s text (from a peer: anything malformed is refused in one line). */
    public static ProgramFingerprint decode(String text) {
        String[] lines = text.split("\n", -1);
        if (!lines[0].startsWith("program=")) {
            throw new IllegalArgumentException("malformed program fingerprint from the peer (no program hash)");
        }
        List<Setting> settings = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int eq = lines[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("malformed program fingerprint from the peer (line " + (i + 1)
                    + ")");
            }
            settings.add(new Setting(lines[i].substring(0, eq), lines[i].substring(eq + 1)));
        }
        return new ProgramFingerprint(lines[0].substring("program=".length()), settings);
    }

    /**
     * Throws when {@code theirs} differs from this fingerprint: one line naming both hashes and the first differing
     * setting (or the program, when every setting agrees).
     *
     * @param me   how to name this side in the message ({@code party0})
     * @param peer how to name the other side
     */
    public void requireSame(ProgramFingerprint theirs, String me, String peer) {
        if (hash().equals(theirs.hash())) {
            return;
        }
        throw new IllegalArgumentException("the parties would run different programs (fingerprint " + hash() + " at "
            + me + ", " + theirs.hash() + " at " + peer + "): " + firstDifference(theirs, me, peer));
    }

    private String firstDifference(ProgramFingerprint theirs, String me, String peer) {
        Map<String, String> other = new TreeMap<>();
        theirs.settings.forEach(s -> other.put(s.name(), s.value()));
        for (Setting s : settings) {
            String v = other.get(s.name());
            if (!s.value().equals(v)) {
                return s.name() + " is " + s.value() + " at " + me + ", " + (v == null ? "missing" : v) + " at "
                    + peer;
            }
        }
        if (!program.equals(theirs.program)) {
            return "same settings but different compiled programs (" + program + " at " + me + ", " + theirs.program
                + " at " + peer + "): different software versions?";
        }
        return "settings differ in order or number (" + settings.size() + " at " + me + ", " + theirs.settings.size()
            + " at " + peer + ")";
    }

    /**
     * The hash of {@code p} without its secret weight values: every instruction with all its fields (the weights'
     * values excepted), every slot's shape and scale, the comparison widths and the fixed-point bits. Instructions
     * are records and are hashed field by field, so a field added later is hashed without a change here.
     */
    public static String hashProgram(Program p) {
        ContentDigest d = new ContentDigest().putLong(p.fractionalBits()).putLong(p.slotCount());
        for (int s = 0; s < p.slotCount(); s++) {
            d.putShape(p.shape(s)).putLong(p.scale(s));
        }
        new TreeMap<>(p.comparisonWidths()).forEach((k, v) -> d.putString(k).putLong(v));
        d.putLong(p.setup().size());
        p.setup().forEach(w -> putRecord(d, w));
        d.putLong(p.steps().size());
        for (Step s : p.steps()) {
            d.putString(s.op()).putLong(s.layer()).putLong(s.members().size());
            s.members().forEach(i -> putRecord(d, (Record) i));
        }
        return d.hex();
    }

    /**
     * The hash of a model's graph as read from its file, without the values of its weights (the float constants
     * with more than one element, as {@link Weights} defines them): opsets, inputs with their declared shapes,
     * nodes with their attributes, constants (weights by type and shape only) and outputs. Two files of one
     * architecture with different weights hash alike; any other difference changes the hash.
     */
    public static String hashModelStructure(Graph g) {
        ContentDigest d = new ContentDigest();
        new TreeMap<>(g.opsets()).forEach((k, v) -> d.putString(k).putLong(v));
        d.putLong(g.inputs().size());
        for (Value v : g.inputs()) {
            int[] dims = v.declaredDims();
            d.putString(v.name()).putString(String.valueOf(v.dtype())).putInts(dims == null ? new int[0] : dims);
        }
        d.putLong(g.nodes().size());
        for (Node n : g.nodes()) {
            d.putString(n.opType()).putString(n.domain()).putLong(n.inputs().size());
            for (Value v : n.inputs()) {
                d.putString(v == null ? null : v.name());
                if (v != null && v.isConstant()) {
                    d.putTensor(v.constant(), isPublic(v.constant()));
                }
            }
            n.outputs().forEach(v -> d.putString(v.name()));
            new TreeMap<>(n.attributes()).values().forEach(a -> putAttribute(d, a));
        }
        g.outputs().forEach(v -> d.putString(v.name()));
        return d.hex();
    }

    /** Whether a constant's values are public: anything but a weight. */
    private static boolean isPublic(Tensor t) {
        return !(t instanceof FloatTensor f && f.size() > 1);
    }

    private static void putAttribute(ContentDigest d, Attribute a) {
        d.putString(a.name()).putString(a.kind().name());
        switch (a.kind()) {
            case TENSOR -> d.putTensor(a.asTensor(), isPublic(a.asTensor()));
            case FLOATS -> {
                double[] v = a.asFloats();
                d.putLong(v.length);
                for (double x : v) {
                    d.putLong(Double.doubleToLongBits(x));
                }
            }
            case INTS -> {
                long[] v = a.asInts();
                d.putLong(v.length);
                for (long x : v) {
                    d.putLong(x);
                }
            }
            default -> d.putString(String.valueOf(a.value()));
        }
    }

    /** A record field by field (its class name first), recursing into nested records, lists and nodes. */
    private static void putRecord(ContentDigest d, Record r) {
        d.putString(r.getClass().getSimpleName());
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            if (r instanceof Instruction.Weight && c.getName().equals("value")) {
                continue;                                     // secret: see the class comment
            }
            try {
                putField(d, c.getAccessor().invoke(r));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c + " of " + r.getClass(), e);
            }
        }
    }

    private static void putField(ContentDigest d, Object v) {
        switch (v) {
            case null -> d.putString(null);
            case Integer i -> d.putLong(i);
            case Long l -> d.putLong(l);
            case Boolean b -> d.putLong(b ? 1 : 0);
            case String s -> d.putString(s);
            case Enum<?> e -> d.putString(e.name());
            case int[] a -> d.putInts(a);
            case Shape s -> d.putShape(s);
            case Tensor t -> d.putTensor(t, true);
            case Node n -> {
                d.putString(n.opType()).putString(n.domain());
                new TreeMap<>(n.attributes()).values().forEach(a -> putAttribute(d, a));
            }
            case List<?> list -> {
                d.putLong(list.size());
                list.forEach(x -> putField(d, x));
            }
            case Record r -> putRecord(d, r);
            default -> throw new IllegalStateException("no content hash for a " + v.getClass().getName()
                + " in a program");
        }
    }
}
