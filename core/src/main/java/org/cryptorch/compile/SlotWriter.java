package org.cryptorch.compile;

import java.util.ArrayList;
import java.util.List;
import org.cryptorch.compile.Lowered.Pub;
import org.cryptorch.compile.Lowered.Sec;
import org.cryptorch.mpc.Truncate;
import org.cryptorch.tensor.FixedPoint;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * Emits the instructions of a program being lowered and keeps each slot's shape and scale, with the scale rules
 * that do not depend on the graph op: products are truncated back to f fractional bits only when they exceed it,
 * sums align scales by an exact power-of-two product, public operands are encoded at the scale they meet.
 */
final class SlotWriter {
    /** Makes a single-input instruction writing {@code out}. */
    interface UnaryFactory {
        Instruction make(int out, int a);
    }

    private final CompileOptions options;
    private final int f;
    private final List<Instruction> code = new ArrayList<>();
    private final List<Shape> shapes = new ArrayList<>();
    private final List<Integer> scales = new ArrayList<>();
    private String site = "";

    SlotWriter(CompileOptions options) {
        this.options = options;
        this.f = options.fractionalBits();
    }

    /** The site the following instructions are attributed to. */
    void site(String s) {
        site = s;
    }

    String site() {
        return site;
    }

    void emit(Instruction i) {
        code.add(i);
    }

    int newSlot(Shape shape, int scale) {
        if (shape == null) {
            throw new IllegalStateException("value without inferred shape");
        }
        shapes.add(shape);
        scales.add(scale);
        return shapes.size() - 1;
    }

    Shape shape(int slot) {
        return shapes.get(slot);
    }

    /** The instructions emitted so far over the slots made so far, with {@code setup} shared first. */
    Code code(List<Instruction.Weight> setup, java.util.Map<String, Integer> comparisonWidths) {
        return new Code(f, setup, code, shapes.toArray(Shape[]::new), scales.stream().mapToInt(Integer::intValue)
            .toArray(), comparisonWidths);
    }

    Sec unary(Sec a, UnaryFactory make) {
        int slot = newSlot(shapes.get(a.slot()), a.scale());
        code.add(make.make(slot, a.slot()));
        return new Sec(slot, a.scale());
    }

    Sec addSecrets(Sec x, Sec y, boolean subtract, Shape out) {
        int scale = Math.max(x.scale(), y.scale());
        Sec xs = rescale(x, scale);
        Sec ys = rescale(y, scale);
        int slot = newSlot(out, scale);
        code.add(subtract ? new Instruction.Sub(slot, xs.slot(), ys.slot(), site)
            : new Instruction.Add(slot, xs.slot(), ys.slot(), site));
        return new Sec(slot, scale);
    }

    /** s + c, at f fractional bits when c has a fraction and s is an integer. */
    Sec addPublic(Sec s, FloatTensor c, Shape out) {
        Sec x = s.scale() == 0 && !integral(c) ? rescale(s, f) : s;
        int slot = newSlot(out, x.scale());
        code.add(new Instruction.AddPublic(slot, x.slot(), FixedPoint.encode(c, x.scale()), site));
        return new Sec(slot, x.scale());
    }

    /** A public value as a trivial sharing at scale f (needed where a secret is expected, e.g. an output). */
    Sec secret(Lowered l, Shape shape) {
        return secret(l, shape, f);
    }

    Sec secret(Lowered l, Shape shape, int scale) {
        if (l instanceof Sec s) {
            return s;
        }
        FloatTensor c = Linearizer.toFloat(((Pub) l).t());
        int slot = newSlot(shape, scale);
        code.add(new Instruction.SharePublic(slot, FixedPoint.encode(c, scale), site));
        return new Sec(slot, scale);
    }

    /** A product instruction (made for its output slot) at {@code scale}, truncated back to f if above it. */
    Sec product(Shape out, int scale, java.util.function.IntFunction<Instruction> make) {
        int slot = newSlot(out, scale);
        code.add(make.apply(slot));
        return normalize(new Sec(slot, scale));
    }

    /** Truncates a product back to f fractional bits when it has more. */
    Sec normalize(Sec x) {
        if (x.scale() <= f) {
            return x;
        }
        int slot = newSlot(shapes.get(x.slot()), f);
        code.add(new Instruction.Call(slot, List.of(x.slot()), new Truncate(x.scale() - f, options.truncationFor(site)),
            site));
        return new Sec(slot, f);
    }

    /** Raises the scale by multiplying with a power of two (exact). */
    Sec rescale(Sec x, int scale) {
        if (x.scale() == scale) {
            return x;
        }
        int slot = newSlot(shapes.get(x.slot()), scale);
        code.add(new Instruction.MulPublic(slot, x.slot(), LongTensor.scalar(1L << (scale - x.scale())), site));
        return new Sec(slot, scale);
    }

    Sec broadcast(Sec x, Shape shape) {
        if (shapes.get(x.slot()).equals(shape)) {
            return x;
        }
        int slot = newSlot(shape, x.scale());
        code.add(new Instruction.Reshape(slot, x.slot(), shape, false, site));
        return new Sec(slot, x.scale());
    }

    Sec reshape(Sec x, Shape shape) {
        int slot = newSlot(shape, x.scale());
        code.add(new Instruction.Reshape(slot, x.slot(), shape, true, site));
        return new Sec(slot, x.scale());
    }

    /**
     * The fractional bits to encode a public factor with: 0 when it is all integers (no truncation needed), else f
     * plus the leading zero bits of its largest magnitude below 1 (at most f more). A factor then keeps f significant
     * bits however small it is: 1/9.6 at f bits would be off by 1.5e-4 relative, an error every product with it
     * repeats in the same direction (polynomial coefficients, 1/L of a fit's range, averaging weights). The product
     * stays within the bound of a factor of magnitude 1 (|c| 2^(f + k) < 2^f), so neither the ring nor the chance
     * of a local truncation failure grows; only the truncation after it drops k more bits.
     */
    int factorScale(FloatTensor c) {
        if (integral(c)) {
            return 0;
        }
        double largest = 0;
        for (double v : c.data()) {
            largest = Math.max(largest, Math.abs(v));
        }
        int leadingZeros = largest >= 1 ? 0 : -Math.getExponent(largest) - 1;
        return f + Math.min(f, leadingZeros);
    }

    static boolean integral(FloatTensor c) {
        for (double v : c.data()) {
            if (v != Math.rint(v)) {
                return false;
            }
        }
        return true;
    }
}
