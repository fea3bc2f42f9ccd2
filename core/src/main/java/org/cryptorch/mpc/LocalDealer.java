package org.cryptorch.mpc;

/** An in-process dealer for unit tests: both parties' correlation sources from one engine with fresh seeds. */
public final class LocalDealer {
    private LocalDealer() {
    }

    /**
     * Correlation sources for party 0 and party 1. They may be used from two threads; each side must take recipes
     * in the same order.
     */
    public static Correlations[] pair() {
        return pair(Prg.freshSeed(), Prg.freshSeed());
    }

    public static Correlations[] pair(byte[] seed0, byte[] seed1) {
        DealerEngine engine = new DealerEngine(seed0, seed1);
        Correlations p0 = new SeededCorrelations(0, seed0, r -> {
            throw new IllegalStateException("party 0 never needs corrections");
        });
        Correlations p1 = new SeededCorrelations(1, seed1, r -> {
            synchronized (engine) {
                return engine.corrections(r);
            }
        });
        return new Correlations[] {p0, p1};
    }
}
