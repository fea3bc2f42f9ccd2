package org.cryptorch.mpc;

import java.util.List;

/**
 * Generates correlations with seed compression. The dealer holds both parties' PRG seeds; party 0 expands all its
 * shares from its seed alone, party 1 expands the random components from its seed and receives the corrections of
 * the derived ones. Both sides must consume recipes in the same order, which the protocols guarantee by construction.
 */
public final class DealerEngine {
    private final Prg prg0;
    private final Prg prg1;
    private final byte[][] seeds;

    public DealerEngine(byte[] seed0, byte[] seed1) {
        this.prg0 = new Prg(seed0);
        this.prg1 = new Prg(seed1);
        this.seeds = new byte[][] {seed0.clone(), seed1.clone()};
    }

    /** Party 1's shares of the derived components of one instance of {@code r}, in component order. */
    public long[][] corrections(Recipe r) {
        List<Component> cs = r.components();
        List<FixedMask.Key> fixed = r.fixedMasks();
        // Fixed masks follow the components; they are regenerated from their owner's seed, never stored.
        long[][] values = new long[cs.size() + fixed.size()][];
        long[][] share0 = new long[cs.size()][];
        for (int i = 0; i < cs.size(); i++) {
            Component c = cs.get(i);
            switch (c.source()) {
                case RANDOM -> {
                    share0[i] = prg0.next(c.words());
                    long[] s1 = prg1.next(c.words());
                    long[] v = new long[c.words()];
                    for (int j = 0; j < v.length; j++) {
                        v[j] = c.sharing().combine(share0[i][j], s1[j]);
                    }
                    values[i] = v;
                }
                case OWNED_BY_0 -> values[i] = prg0.next(c.words());
                case OWNED_BY_1 -> values[i] = prg1.next(c.words());
                case DERIVED -> share0[i] = prg0.next(c.words());
            }
        }
        for (int i = 0; i < fixed.size(); i++) {
            FixedMask.Key k = fixed.get(i);
            values[cs.size() + i] = FixedMask.expand(seeds[k.owner()], k.id(), k.words());
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
                long[] s1 = new long[v.length];
                for (int j = 0; j < v.length; j++) {
                    s1[j] = c.sharing().complement(v[j], share0[i][j]);
                }
                out[k++] = s1;
            }
        }
        return out;
    }
}
