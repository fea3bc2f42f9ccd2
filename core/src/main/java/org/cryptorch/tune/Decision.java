package org.cryptorch.tune;

import java.util.List;

/**
 * What a search strategy decides at once: one site, or several alike sites tied to the same candidate (which cuts
 * the evaluations of a model with repeated layers by the number of layers).
 *
 * @param sites      site indices, ascending; the first gives the decision's place in graph order
 * @param candidates how many candidates each of these sites has
 */
public record Decision(List<Integer> sites, int candidates) {
    public Decision {
        sites = List.copyOf(sites);
    }

    public int mostAccurate() {
        return candidates - 1;
    }
}
