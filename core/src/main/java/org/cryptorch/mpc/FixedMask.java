package org.cryptorch.mpc;

import org.cryptorch.tensor.LongTensor;

/**
 * A secret (a weight) shared once under a mask B that stays fixed for the whole dealer session, so that its products
 * open only the other operand. B is known in full to {@code owner}: it is stream {@code id} of the owner's PRG seed
 * ({@link #expand}), which the dealer, holding both seeds, regenerates whenever a triple needs C = A*B; nothing is
 * stored. The owner's share of the secret W is B and the other party's share is F = W - B, which the owner sent at
 * setup and which is public to both (uniform, because B is).
 *
 * @param held what this party keeps besides its share: W itself at the owner (its products multiply by W, see
 *             {@code Arithmetic.oneSided}; F = W - B is derived when needed), F at the other party (its share)
 */
public record FixedMask(int owner, int id, LongTensor held) {
    /**
     * The id that names the run's input as shared by {@link Arithmetic#provideInput}: its mask B is the input mask R
     * (known in full to the input's owner, the other party's share X - R is F), which the dealer does not derive from
     * a seed but remembers from the run's input-mask correlation ({@code DealerEngine}).
     */
    public static final int RUN_INPUT = Integer.MAX_VALUE;

    /** The run's input of {@code owner}: {@code held} is X at the owner, X - R (its share) at the other party. */
    public static FixedMask runInput(int owner, LongTensor held) {
        return new FixedMask(owner, RUN_INPUT, held);
    }

    public FixedMask {
        ArithmeticCosts.checkParty("owner", owner);
        Key.checkId(id);
    }

    public Key key() {
        return new Key(owner, id, held.size());
    }

    /** This party's share of the mask B: all of it for the owner, zero for the other party. */
    LongTensor maskShare(Party p, LongTensor share) {
        return p.id() == owner ? share : LongTensor.zeros(share.shape());
    }

    /** F = W - B, public to both; {@code share} is this party's share of W (B at the owner). */
    LongTensor opened(Party p, LongTensor share) {
        return p.id() == owner ? held.sub(share) : held;
    }

    /** W itself, at the owner only. */
    LongTensor secret(Party p) {
        if (p.id() != owner) {
            throw new IllegalStateException("party " + p.id() + " does not own fixed mask " + id);
        }
        return held;
    }

    /** The mask B itself from its owner's seed (the owner's share; the dealer's copy). */
    static long[] expand(byte[] ownerSeed, int id, int words) {
        return new Prg(ownerSeed, 1L + Key.checkId(id)).next(words);
    }

    /** What identifies a fixed mask to the dealer: owner, id and size. */
    public record Key(int owner, int id, int words) {
        public Key {
            ArithmeticCosts.checkParty("owner", owner);
            checkId(id);
        }

        static int checkId(int id) {
            if (id < 0) {
                throw new IllegalArgumentException("fixed mask id must be >= 0, got " + id);
            }
            return id;
        }
    }
}
