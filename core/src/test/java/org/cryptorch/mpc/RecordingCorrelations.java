package org.cryptorch.mpc;

import java.util.ArrayList;
import java.util.List;

/** A party's correlations that logs every recipe taken, in order (tests of what protocols and programs announce). */
public final class RecordingCorrelations implements Correlations {
    private final Correlations source;
    private final List<Recipe> taken = new ArrayList<>();

    public RecordingCorrelations(Correlations source) {
        this.source = source;
    }

    /** The specs of the recipes taken since the last call, which starts a new log. */
    public List<RecipeSpec> takeLog() {
        List<RecipeSpec> out = taken.stream().map(Recipe::spec).toList();
        taken.clear();
        return out;
    }

    @Override
    public long[][] take(Recipe r) {
        taken.add(r);
        return source.take(r);
    }

    @Override
    public void prefetch(List<Recipe> recipes) {
        source.prefetch(recipes);
    }

    @Override
    public long[] fixedMask(int owner, int id, int words) {
        return source.fixedMask(owner, id, words);
    }

    @Override
    public long offlineBytesReceived() {
        return source.offlineBytesReceived();
    }

    @Override
    public long offlineNanos() {
        return source.offlineNanos();
    }
}
