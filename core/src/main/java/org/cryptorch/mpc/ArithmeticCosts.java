package org.cryptorch.mpc;

import java.util.List;
import org.cryptorch.tensor.Shape;

/**
 * Predicted costs of the protocols in {@link Arithmetic}, as functions of element counts and parameters only.
 * Every ring element on the wire or from the dealer is 8 bytes; local operations are free.
 */
public final class ArithmeticCosts {
    private static final long WORD = 8;

    private ArithmeticCosts() {
    }

    /** The owner sends its input minus a mask it alone knows: 1 round, 8n bytes from the owner, nothing offline. */
    public static Cost input(int owner, long n) {
        return oneWay(checkParty("owner", owner), WORD * n);
    }

    public static Cost revealToBoth(long n) {
        return Cost.symmetric(1, WORD * n, 0);
    }

    /** Only the party that does not learn the value sends its share. */
    public static Cost revealTo(int receiver, long n) {
        return oneWay(1 - checkParty("receiver", receiver), WORD * n);
    }

    /** Opens x-a and y-b (16 bytes per element and party); the dealer sends c = a*b (8 bytes per element). */
    public static Cost mul(long n) {
        return Cost.symmetric(1, 2 * WORD * n, WORD * n);
    }

    /** Opens x-a only; the dealer sends a^2. */
    public static Cost square(long n) {
        return Cost.symmetric(1, WORD * n, WORD * n);
    }

    /** The mask-owner argument of an operand without a {@link FixedMask} in the bilinear cost functions. */
    public static final int FRESH = -1;

    /** Opens x-a and y-b for the whole operands; the dealer sends the product c of the triple. */
    public static Cost matmul(Shape x, Shape y) {
        return matmul(x, y, FRESH, FRESH);
    }

    /**
     * A matrix product where an operand may have a {@link FixedMask}, given by its owner ({@code xMaskOwner},
     * {@code yMaskOwner}: 0, 1 or {@link #FRESH}). Two fresh operands: both parties open both. One fixed (a product
     * with a weight, one-sided): only the party that does not own the weight sends, its share of the fresh operand
     * masked. Both fixed: nothing is sent. The dealer always sends c.
     */
    public static Cost matmul(Shape x, Shape y, int xMaskOwner, int yMaskOwner) {
        return bilinear(x, y, xMaskOwner, yMaskOwner, ProductShapes.matmul(x, y).size());
    }

    /** Several matrix products fused into one round ({@link Arithmetic#matmuls}): the bytes add up, the rounds do not. */
    public static Cost matmuls(List<Shape> xs, List<Shape> ys) {
        List<Integer> fresh = xs.stream().map(s -> FRESH).toList();
        return matmuls(xs, ys, fresh, fresh);
    }

    /** {@link Arithmetic#matmulOperands}: fused products, with the operands' mask owners as for {@link #matmul}. */
    public static Cost matmuls(List<Shape> xs, List<Shape> ys, List<Integer> xsMaskOwner, List<Integer> ysMaskOwner) {
        Cost total = Cost.FREE;
        for (int i = 0; i < xs.size(); i++) {
            total = total.plus(matmul(xs.get(i), ys.get(i), xsMaskOwner.get(i), ysMaskOwner.get(i)));
        }
        return new Cost(Math.min(1, total.rounds()), total.bytesSentByParty0(), total.bytesSentByParty1(),
            total.offlineBytes());
    }

    public static Cost conv2d(Shape x, Shape w, int[] strides, int[] pads, int[] dilations, int groups) {
        return conv2d(x, w, strides, pads, dilations, groups, FRESH, FRESH);
    }

    /** A convolution; operands' mask owners as for {@link #matmul(Shape, Shape, int, int)}. */
    public static Cost conv2d(Shape x, Shape w, int[] strides, int[] pads, int[] dilations, int groups,
                              int xMaskOwner, int wMaskOwner) {
        return bilinear(x, w, xMaskOwner, wMaskOwner,
            ProductShapes.conv2d(x, w, strides, pads, dilations, groups).size());
    }

    private static Cost bilinear(Shape x, Shape y, int xMaskOwner, int yMaskOwner, long outWords) {
        boolean xFresh = checkMaskOwner(xMaskOwner) == FRESH;
        boolean yFresh = checkMaskOwner(yMaskOwner) == FRESH;
        long offline = WORD * outWords;
        if (xFresh && yFresh) {
            return Cost.symmetric(1, WORD * (x.size() + y.size()), offline);
        }
        if (!xFresh && !yFresh) {
            return Cost.symmetric(0, 0, offline);
        }
        int sender = 1 - (xFresh ? yMaskOwner : xMaskOwner);
        return oneWay(sender, WORD * (xFresh ? x.size() : y.size())).plus(new Cost(0, 0, 0, offline));
    }

    private static int checkMaskOwner(int owner) {
        return owner == FRESH ? FRESH : checkParty("mask owner", owner);
    }

    public static Cost truncateLocal(long n) {
        return Cost.FREE;
    }

    /** Opens x + 2^62 + r; the dealer sends r>>>f and msb(r). */
    public static Cost truncateWithDealer(long n) {
        return Cost.symmetric(1, WORD * n, 2 * WORD * n);
    }

    public static Cost truncate(long n, Truncation mode) {
        return switch (mode) {
            case LOCAL -> truncateLocal(n);
            case DEALER -> truncateWithDealer(n);
        };
    }

    /** A public fixed-point product is local; only its truncation can cost anything. */
    public static Cost mulPublicFixed(long n, Truncation mode) {
        return truncate(n, mode);
    }

    private static Cost oneWay(int sender, long bytes) {
        return sender == 0 ? new Cost(1, bytes, 0, 0) : new Cost(1, 0, bytes, 0);
    }

    static int checkParty(String role, int party) {
        if (party != 0 && party != 1) {
            throw new IllegalArgumentException(role + " must be party 0 or 1, got " + party);
        }
        return party;
    }
}
