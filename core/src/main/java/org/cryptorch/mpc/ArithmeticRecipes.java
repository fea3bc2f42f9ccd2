package org.cryptorch.mpc;

import java.util.Arrays;
import java.util.List;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * The correlations the arithmetic protocols of {@link Arithmetic} consume, one recipe per protocol call. A caller
 * that wants the offline phase done ahead of time passes the same recipes, in call order, to
 * {@link Correlations#prefetch}.
 */
public final class ArithmeticRecipes {
    private ArithmeticRecipes() {
    }

    static void registerAll() {
        Recipes.register(InputMask.NAME, p -> new InputMask(p[0], p[1]));
        Recipes.register(SquarePair.NAME, p -> new SquarePair(p[0]));
        Recipes.register(TruncationPair.NAME, p -> new TruncationPair(p[0], p[1]));
        Recipes.register(MatmulTriple.NAME, p -> MatmulTriple.fromParams(p, false));
        Recipes.register(MatmulTriple.FIXED_NAME, p -> MatmulTriple.fromParams(p, true));
        Recipes.register(Conv2dTriple.NAME, p -> Conv2dTriple.fromParams(p, false));
        Recipes.register(Conv2dTriple.FIXED_NAME, p -> Conv2dTriple.fromParams(p, true));
    }

    /** Taken by both parties when {@code owner} shares an input of {@code n} elements. */
    public static Recipe inputMask(int owner, int n) {
        return new InputMask(owner, n);
    }

    /** Taken by {@link Arithmetic#mul} on {@code n} elements. */
    public static Recipe triple(int n) {
        return new BuiltinRecipes.ElementwiseTriple(n);
    }

    /** Taken by {@link Arithmetic#square} on {@code n} elements. */
    public static Recipe squarePair(int n) {
        return new SquarePair(n);
    }

    /** Taken by the dealer-assisted truncation of {@code n} elements by {@code bits} bits. */
    public static Recipe truncationPair(int n, int bits) {
        return new TruncationPair(n, bits);
    }

    /** Taken by {@link Arithmetic#matmul} with operands of these shapes: a, b and c = a@b. */
    public static Recipe matmulTriple(Shape a, Shape b) {
        return new MatmulTriple(a, b, BilinearMasks.FRESH);
    }

    /**
     * Like {@link #matmulTriple(Shape, Shape)} where an operand with a {@link FixedMask} (null for none) keeps that
     * mask: the triple has no component for it, and c is derived from the fixed mask.
     */
    public static Recipe matmulTriple(Shape a, Shape b, FixedMask.Key fixedA, FixedMask.Key fixedB) {
        return new MatmulTriple(a, b, BilinearMasks.of(fixedA, fixedB));
    }

    /** Taken by {@link Arithmetic#conv2d}: a (input shape), b (weight shape) and c = conv2d(a, b). */
    public static Recipe conv2dTriple(Shape x, Shape w, int[] strides, int[] pads, int[] dilations, int groups) {
        return conv2dTriple(x, w, strides, pads, dilations, groups, null, null);
    }

    /** Like {@link #matmulTriple(Shape, Shape, FixedMask.Key, FixedMask.Key)} for a convolution. */
    public static Recipe conv2dTriple(Shape x, Shape w, int[] strides, int[] pads, int[] dilations, int groups,
                                      FixedMask.Key fixedX, FixedMask.Key fixedW) {
        return new Conv2dTriple(x, w, strides.clone(), pads.clone(), dilations.clone(), groups,
            BilinearMasks.of(fixedX, fixedW));
    }

    /** A mask r known in full to the input's owner; the other party's share of it is zero, so it costs nothing. */
    record InputMask(int owner, int n) implements Recipe {
        static final String NAME = "input_mask";

        @Override
        public RecipeSpec spec() {
            return new RecipeSpec(NAME, owner, n);
        }

        @Override
        public List<Component> components() {
            return List.of(Component.ownedBy(owner, "r", n, Sharing.ARITHMETIC));
        }

        @Override
        public void derive(long[][] values) {
            // nothing derived
        }
    }

    /** Random a and derived c = a*a, for squaring. */
    record SquarePair(int n) implements Recipe {
        static final String NAME = "square_pair";

        @Override
        public RecipeSpec spec() {
            return new RecipeSpec(NAME, n);
        }

        @Override
        public List<Component> components() {
            return List.of(Component.random("a", n, Sharing.ARITHMETIC), Component.derived("c", n, Sharing.ARITHMETIC));
        }

        @Override
        public void derive(long[][] v) {
            long[] a = v[0];
            long[] c = new long[n];
            for (int i = 0; i < n; i++) {
                c[i] = a[i] * a[i];
            }
            v[1] = c;
        }
    }

    /**
     * Random r with derived shares of its top bits r>>>f and of its sign bit msb(r) (as a ring element 0 or 1), for
     * the one-round truncation.
     */
    record TruncationPair(int n, int bits) implements Recipe {
        static final String NAME = "trunc_pair";

        TruncationPair {
            Arithmetic.checkShift(bits);
        }

        @Override
        public RecipeSpec spec() {
            return new RecipeSpec(NAME, n, bits);
        }

        @Override
        public List<Component> components() {
            return List.of(Component.random("r", n, Sharing.ARITHMETIC),
                Component.derived("r_high", n, Sharing.ARITHMETIC), Component.derived("r_msb", n, Sharing.ARITHMETIC));
        }

        @Override
        public void derive(long[][] v) {
            long[] r = v[0];
            long[] high = new long[n];
            long[] msb = new long[n];
            for (int i = 0; i < n; i++) {
                high[i] = r[i] >>> bits;
                msb[i] = r[i] >>> 63;
            }
            v[1] = high;
            v[2] = msb;
        }
    }

    /**
     * A matrix-product triple; spec params are rank(a), dims(a), rank(b), dims(b), preceded by the
     * {@link BilinearMasks} params under the fixed-mask name.
     */
    record MatmulTriple(Shape a, Shape b, BilinearMasks masks) implements Recipe {
        static final String NAME = "matmul_triple";
        static final String FIXED_NAME = "matmul_fixed_triple";

        MatmulTriple {
            ProductShapes.matmul(a, b);
            masks.check(a.size(), b.size());
        }

        static MatmulTriple fromParams(int[] all, boolean fixed) {
            int[] p = fixed ? Arrays.copyOfRange(all, Math.min(all.length, BilinearMasks.PARAMS), all.length) : all;
            int rankA = p[0];
            Shape a = Shape.of(Arrays.copyOfRange(p, 1, 1 + rankA));
            Shape b = Shape.of(Arrays.copyOfRange(p, 2 + rankA, p.length));
            if (p[1 + rankA] != b.rank()) {
                throw new IllegalArgumentException("malformed matmul triple spec " + Arrays.toString(all));
            }
            return new MatmulTriple(a, b, fixed ? BilinearMasks.fromParams(all, a.size(), b.size())
                : BilinearMasks.FRESH);
        }

        @Override
        public RecipeSpec spec() {
            int[] p = new int[2 + a.rank() + b.rank()];
            p[0] = a.rank();
            System.arraycopy(a.dims(), 0, p, 1, a.rank());
            p[1 + a.rank()] = b.rank();
            System.arraycopy(b.dims(), 0, p, 2 + a.rank(), b.rank());
            return bilinearSpec(NAME, FIXED_NAME, masks, p);
        }

        @Override
        public List<Component> components() {
            return masks.components(a.size(), b.size(), ProductShapes.matmul(a, b).size());
        }

        @Override
        public List<FixedMask.Key> fixedMasks() {
            return masks.fixedMasks();
        }

        @Override
        public void derive(long[][] v) {
            v[masks.c()] = new LongTensor(a, masks.dealerX(v)).matmul(new LongTensor(b, masks.dealerY(v))).data();
        }
    }

    /**
     * A convolution triple; spec params are dims(x) (4), dims(w) (4), strides (2), pads (4), dilations (2), groups.
     */
    record Conv2dTriple(Shape x, Shape w, int[] strides, int[] pads, int[] dilations, int groups,
                        BilinearMasks masks) implements Recipe {
        static final String NAME = "conv2d_triple";
        static final String FIXED_NAME = "conv2d_fixed_triple";
        private static final int PARAMS = 17;

        Conv2dTriple {
            ProductShapes.conv2d(x, w, strides, pads, dilations, groups);
            masks.check(x.size(), w.size());
        }

        static Conv2dTriple fromParams(int[] all, boolean fixed) {
            int skip = fixed ? BilinearMasks.PARAMS : 0;
            if (all.length != PARAMS + skip) {
                throw new IllegalArgumentException("conv2d triple spec needs " + (PARAMS + skip) + " params, got "
                    + Arrays.toString(all));
            }
            int[] p = Arrays.copyOfRange(all, skip, all.length);
            Shape x = Shape.of(Arrays.copyOfRange(p, 0, 4));
            Shape w = Shape.of(Arrays.copyOfRange(p, 4, 8));
            return new Conv2dTriple(x, w, Arrays.copyOfRange(p, 8, 10), Arrays.copyOfRange(p, 10, 14),
                Arrays.copyOfRange(p, 14, 16), p[16], fixed ? BilinearMasks.fromParams(all, x.size(), w.size())
                : BilinearMasks.FRESH);
        }

        @Override
        public RecipeSpec spec() {
            int[] p = new int[PARAMS];
            System.arraycopy(x.dims(), 0, p, 0, 4);
            System.arraycopy(w.dims(), 0, p, 4, 4);
            System.arraycopy(strides, 0, p, 8, 2);
            System.arraycopy(pads, 0, p, 10, 4);
            System.arraycopy(dilations, 0, p, 14, 2);
            p[16] = groups;
            return bilinearSpec(NAME, FIXED_NAME, masks, p);
        }

        @Override
        public List<Component> components() {
            return masks.components(x.size(), w.size(),
                ProductShapes.conv2d(x, w, strides, pads, dilations, groups).size());
        }

        @Override
        public List<FixedMask.Key> fixedMasks() {
            return masks.fixedMasks();
        }

        @Override
        public void derive(long[][] v) {
            v[masks.c()] = new LongTensor(x, masks.dealerX(v)).conv2d(new LongTensor(w, masks.dealerY(v)), strides,
                pads, dilations, groups).data();
        }
    }

    /** A bilinear triple's spec: its shape params, preceded by the fixed masks' params under the fixed name. */
    private static RecipeSpec bilinearSpec(String name, String fixedName, BilinearMasks masks, int[] shapeParams) {
        if (!masks.anyFixed()) {
            return new RecipeSpec(name, shapeParams);
        }
        int[] p = new int[BilinearMasks.PARAMS + shapeParams.length];
        System.arraycopy(masks.params(), 0, p, 0, BilinearMasks.PARAMS);
        System.arraycopy(shapeParams, 0, p, BilinearMasks.PARAMS, shapeParams.length);
        return new RecipeSpec(fixedName, p);
    }
}
