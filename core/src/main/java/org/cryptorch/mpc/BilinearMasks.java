package org.cryptorch.mpc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which operands of a bilinear triple (a, b, c = a op b) use a session-fixed mask ({@link FixedMask}) instead of a
 * fresh random one: a fixed operand is not a component (the parties already hold what they need of it) but a mask
 * the dealer regenerates to derive c. Null means fresh. The dealer's values are the components (fresh a, fresh b,
 * c, in that order) followed by the fixed masks (x's, then y's).
 */
record BilinearMasks(FixedMask.Key x, FixedMask.Key y) {
    static final BilinearMasks FRESH = new BilinearMasks(null, null);
    /** Spec params: owner and id of x's mask, then of y's; -1 -1 for a fresh operand. */
    static final int PARAMS = 4;

    static BilinearMasks of(FixedMask.Key x, FixedMask.Key y) {
        return new BilinearMasks(x, y);
    }

    boolean anyFixed() {
        return x != null || y != null;
    }

    /** Checks the keys against the operand sizes, so both parties fail alike before any traffic. */
    void check(int xWords, int yWords) {
        checkWords("left", x, xWords);
        checkWords("right", y, yWords);
    }

    private static void checkWords(String side, FixedMask.Key k, int words) {
        if (k != null && k.words() != words) {
            throw new IllegalArgumentException("the " + side + " operand has " + words + " elements but its fixed mask "
                + k.id() + " has " + k.words());
        }
    }

    int[] params() {
        return new int[] {x == null ? -1 : x.owner(), x == null ? -1 : x.id(), y == null ? -1 : y.owner(),
            y == null ? -1 : y.id()};
    }

    static BilinearMasks fromParams(int[] p, int xWords, int yWords) {
        if (p.length < PARAMS) {
            throw new IllegalArgumentException("malformed fixed-mask triple spec " + Arrays.toString(p));
        }
        return new BilinearMasks(key(p[0], p[1], xWords), key(p[2], p[3], yWords));
    }

    private static FixedMask.Key key(int owner, int id, int words) {
        return owner < 0 ? null : new FixedMask.Key(owner, id, words);
    }

    /** Whether exactly one operand is fixed: the product then runs one-sided (see {@code Arithmetic.bilinear}). */
    boolean oneSided() {
        return (x == null) != (y == null);
    }

    /** The owner of the one fixed mask of a {@link #oneSided} product. */
    int fixedOwner() {
        return x != null ? x.owner() : y.owner();
    }

    /**
     * The fresh masks are random, except in a {@link #oneSided} product: there the fresh operand's mask is known in
     * full to the party that does not own the fixed one (it is never opened to anyone), which is what lets that party
     * compute its part alone.
     */
    List<Component> components(int xWords, int yWords, int cWords) {
        List<Component> cs = new ArrayList<>();
        if (x == null) {
            cs.add(freshMask("a", xWords));
        }
        if (y == null) {
            cs.add(freshMask("b", yWords));
        }
        cs.add(Component.derived("c", cWords, Sharing.ARITHMETIC));
        return cs;
    }

    private Component freshMask(String name, int words) {
        return oneSided() ? Component.ownedBy(1 - fixedOwner(), name, words, Sharing.ARITHMETIC)
            : Component.random(name, words, Sharing.ARITHMETIC);
    }

    List<FixedMask.Key> fixedMasks() {
        List<FixedMask.Key> out = new ArrayList<>();
        if (x != null) {
            out.add(x);
        }
        if (y != null) {
            out.add(y);
        }
        return out;
    }

    /** Index of c among the components (and in a party's shares). */
    int c() {
        return (x == null ? 1 : 0) + (y == null ? 1 : 0);
    }

    /** Index of a fresh x's mask a among the components. */
    int freshX() {
        return 0;
    }

    /** Index of a fresh y's mask b among the components. */
    int freshY() {
        return x == null ? 1 : 0;
    }

    /** The full mask of x in the dealer's values. */
    long[] dealerX(long[][] values) {
        return x == null ? values[freshX()] : values[c() + 1];
    }

    /** The full mask of y in the dealer's values. */
    long[] dealerY(long[][] values) {
        return y == null ? values[freshY()] : values[c() + 1 + (x == null ? 0 : 1)];
    }
}
