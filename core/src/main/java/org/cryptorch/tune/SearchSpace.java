package org.cryptorch.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sites of a model in graph order, each with its ordered candidates. */
public final class SearchSpace {
    private final List<Site> sites;

    public SearchSpace(List<Site> sites) {
        this.sites = List.copyOf(sites);
        if (this.sites.isEmpty()) {
            throw new IllegalArgumentException("search space has no approximation site");
        }
    }

    public List<Site> sites() {
        return sites;
    }

    public Site site(int index) {
        return sites.get(index);
    }

    /** Every site at its most accurate candidate: the reference configuration. */
    public Assignment mostAccurate() {
        return new Assignment(sites.stream().mapToInt(Site::mostAccurate).toArray());
    }

    /** Every site at its cheapest candidate. */
    public Assignment cheapest() {
        return new Assignment(new int[sites.size()]);
    }

    /**
     * The decisions a strategy makes, in graph order: one per site, or with {@code tieAlike} one per group of sites
     * with equal likeness key and equal candidate labels.
     */
    public List<Decision> decisions(boolean tieAlike) {
        Map<List<Object>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < sites.size(); i++) {
            Site s = sites.get(i);
            List<Object> key = tieAlike ? List.of(s.likeness(), s.labels()) : List.of(i);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        return groups.values().stream()
            .map(g -> new Decision(g, sites.get(g.get(0)).candidates().size()))
            .toList();
    }

    /** Checks that {@code a} fits this space (one valid candidate index per site). */
    public void check(Assignment a) {
        if (a.size() != sites.size()) {
            throw new IllegalArgumentException("assignment " + a + " has " + a.size() + " choices for " + sites.size()
                + " sites");
        }
        for (int i = 0; i < sites.size(); i++) {
            if (a.choice(i) < 0 || a.choice(i) > sites.get(i).mostAccurate()) {
                throw new IllegalArgumentException("assignment " + a + " picks candidate " + a.choice(i) + " at site "
                    + sites.get(i).id() + ", which has " + sites.get(i).candidates().size());
            }
        }
    }

    @Override
    public String toString() {
        return sites.size() + " sites, candidates " + Arrays.toString(sites.stream()
            .mapToInt(s -> s.candidates().size()).toArray());
    }
}
