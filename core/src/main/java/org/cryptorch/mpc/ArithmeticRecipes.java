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
        Recipes.register(MatmulTriple.NAME, MatmulTriple::fromParams);
        Recipes.register(Conv2dTriple.NAME, Conv2dTriple::fromParams);
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
        return new MatmulTriple(a, b);
    }

    /** Taken by {@link Arithmetic#conv2d}: a (input shape), b (weight shape) and c = conv2d(a, b). */
    public static Recipe conv2dTriple(Shape x, Shape w, int[] strides, int[] pads, int[] dilations, int groups) {
        return new Conv2dTriple(x, w, strides.clone(), pads.clone(), dilations.clone(), groups);
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

    /** A matrix-product triple; spec params are rank(a), dims(a), rank(b), dims(b). */
    record MatmulTriple(Shape a, Shape b) implements Recipe {
        static final String NAME = "matmul_triple";

        MatmulTriple {
            ProductShapes.matmul(a, b);
        }

        static MatmulTriple fromParams(int[] p) {
            int rankA = p[0];
            Shape a = Shape.of(Arrays.copyOfRange(p, 1, 1 + rankA));
            Shape b = Shape.of(Arrays.copyOfRange(p, 2 + rankA, p.length));
            if (p[1 + rankA] != b.rank()) {
                throw new IllegalArgumentException("malformed matmul triple spec " + Arrays.toString(p));
            }
            return new MatmulTriple(a, b);
        }

        @Override
        public RecipeSpec spec() {
            int[] p = new int[2 + a.rank() + b.rank()];
            p[0] = a.rank();
            System.arraycopy(a.dims(), 0, p, 1, a.rank());
            p[1 + a.rank()] = b.rank();
            System.arraycopy(b.dims(), 0, p, 2 + a.rank(), b.rank());
            return new RecipeSpec(NAME, p);
        }

        @Override
        public List<Component> components() {
            return bilinear(a.size(), b.size(), ProductShapes.matmul(a, b).size());
        }

        @Override
        public void derive(long[][] v) {
            v[2] = new LongTensor(a, v[0]).matmul(new LongTensor(b, v[1])).data();
        }
    }

    /**
     * A convolution triple; spec params are dims(x) (4), dims(w) (4), strides (2), pads (4), dilations (2), groups.
     */
    record Conv2dTriple(Shape x, Shape w, int[] strides, int[] pads, int[] dilations, int groups) implements Recipe {
        static final String NAME = "conv2d_triple";
        private static final int PARAMS = 17;

        Conv2dTriple {
            ProductShapes.conv2d(x, w, strides, pads, dilations, groups);
        }

        static Conv2dTriple fromParams(int[] p) {
            if (p.length != PARAMS) {
                throw new IllegalArgumentException("conv2d triple spec needs " + PARAMS + " params, got "
                    + Arrays.toString(p));
            }
            return new Conv2dTriple(Shape.of(Arrays.copyOfRange(p, 0, 4)), Shape.of(Arrays.copyOfRange(p, 4, 8)),
                Arrays.copyOfRange(p, 8, 10), Arrays.copyOfRange(p, 10, 14), Arrays.copyOfRange(p, 14, 16), p[16]);
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
            return new RecipeSpec(NAME, p);
        }

        @Override
        public List<Component> components() {
            return bilinear(x.size(), w.size(),
                ProductShapes.conv2d(x, w, strides, pads, dilations, groups).size());
        }

        @Override
        public void derive(long[][] v) {
            v[2] = new LongTensor(x, v[0]).conv2d(new LongTensor(w, v[1]), strides, pads, dilations, groups).data();
        }
    }

    /** The layout of every bilinear triple: random a and b, derived c = a op b. */
    private static List<Component> bilinear(int aWords, int bWords, int cWords) {
        return List.of(Component.random("a", aWords, Sharing.ARITHMETIC),
            Component.random("b", bWords, Sharing.ARITHMETIC), Component.derived("c", cWords, Sharing.ARITHMETIC));
    }
}
