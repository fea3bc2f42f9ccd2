package org.cryptorch.mpc;

import java.util.List;

/**
 * Generates correlations with seed compression. The dealer holds both parties' PRG seeds; party 0 expands all its
 * shares from its seed alone, party 1 expands the random components from its seed and receives the corrections of
 * the derived ones. Both sides must consume recipes in the same order, which the protocols guarantee by construction.
 */
public final class DealerEngine {
    /** Party 1's random shares are drawn this many words at a time and added at once, never stored whole. */
    private static final int CHUNK_WORDS = 8192;

    private final Prg prg0;
    private final Prg prg1;
    private final byte[][] seeds;
    /** Each party's latest input mask R: the mask of {@link FixedMask#RUN_INPUT} in the products that follow. */
    private final long[][] latestInputMask;

    public DealerEngine(byte[] seed0, byte[] seed1) {
        this(new Prg(seed0), new Prg(seed1), new byte[][] {seed0.clone(), seed1.clone()}, new long[2][]);
    }

    private DealerEngine(Prg prg0, Prg prg1, byte[][] seeds, long[][] latestInputMask) {
        this.prg0 = prg0;
        this.prg1 = prg1;
        this.seeds = seeds;
        this.latestInputMask = latestInputMask;
    }

    /**
     * An independent engine in this one's state: it generates what this one would generate next, and generating
     * with either leaves the other where it was.
     */
    DealerEngine fork() {
        return new DealerEngine(prg0.copy(), prg1.copy(), seeds, latestInputMask.clone());
    }

    /** Party 1's shares of the derived components of one instance of {@code r}, in component order. */
    public long[][] corrections(Recipe r) {
        List<Component> cs = r.components();
        List<FixedMask.Key> fixed = r.fixedMasks();
        // Fixed masks follow the components; they are regenerated from their owner's seed, never stored.
        long[][] values = new long[cs.size() + fixed.size()][];
        // Party 0's shares of the derived components, drawn in stream order and turned into party 1's in place.
        long[][] share0 = new long[cs.size()][];
        for (int i = 0; i < cs.size(); i++) {
            Component c = cs.get(i);
            switch (c.source()) {
                case RANDOM -> values[i] = sum(c, prg0.next(c.words()));
                case OWNED_BY_0 -> values[i] = prg0.next(c.words());
                case OWNED_BY_1 -> values[i] = prg1.next(c.words());
                case DERIVED -> share0[i] = prg0.next(c.words());
            }
        }
        if (r instanceof ArithmeticRecipes.InputMask m) {
            latestInputMask[m.owner()] = values[0];
        }
        for (int i = 0; i < fixed.size(); i++) {
            values[cs.size() + i] = fixedMask(fixed.get(i));
        }
        r.derive(values);
        int derived = 0;
        for (Component c : cs) {
            derived += c.source() == Component.Source.DERIVED ? 1 : 0;
        }
        long[][] out = new long[derived][];
        int k = 0;
        for (int i = 0; i < cs.size(); i++) {
            Component c = cs.get(i);
            if (c.source() == Component.Source.DERIVED) {
                long[] v = values[i];
                if (v == null || v.length != c.words()) {
                    throw new IllegalStateException("recipe " + r.spec() + " did not derive component " + c.name());
                }
                c.sharing().complementInPlace(v, share0[i]);
                out[k++] = share0[i];
            }
        }
        return out;
    }

    private long[] fixedMask(FixedMask.Key k) {
        if (k.id() != FixedMask.RUN_INPUT) {
            return FixedMask.expand(seeds[k.owner()], k.id(), k.words());
        }
        long[] r = latestInputMask[k.owner()];
        if (r == null || r.length != k.words()) {
            throw new IllegalStateException("a product uses party " + k.owner() + "'s input of " + k.words()
                + " elements, but its latest input mask has " + (r == null ? "not been taken" : r.length + ""));
        }
        return r;
    }

    /** The value of a random component: party 0's share {@code share0} combined in place with party 1's. */
    private long[] sum(Component c, long[] share0) {
        long[] chunk = new long[Math.min(CHUNK_WORDS, share0.length)];
        for (int at = 0; at < share0.length; at += chunk.length) {
            int len = Math.min(chunk.length, share0.length - at);
            prg1.fill(chunk, 0, len);
            c.sharing().combineInto(share0, at, chunk, len);
        }
        return share0;
    }
}
