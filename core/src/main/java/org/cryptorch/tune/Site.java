package org.cryptorch.tune;

import java.util.List;

/**
 * One approximation site: a node of the graph whose op gets an approximation, with its candidate configurations
 * ordered from the cheapest to the most accurate (the last is the reference the budget is measured against).
 *
 * @param likeness a key equal for sites that behave alike (same op, shape and attributes, e.g. the GELU of every
 *                 encoder layer); alike sites with the same candidates may be tuned as one decision
 */
public record Site(String id, String op, String likeness, List<Candidate> candidates) {
    public Site {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("site " + id + " (" + op + ") has no candidate configuration");
        }
    }

    public int mostAccurate() {
        return candidates.size() - 1;
    }

    /** The candidates' labels, which decide (with the likeness key) whether two sites can be tied. */
    List<String> labels() {
        return candidates.stream().map(Candidate::label).toList();
    }
}
