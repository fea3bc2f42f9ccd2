package org.cryptorch.tune;

import java.util.Map;

/**
 * The tuned choice at one site with its predicted cost on the tuning network (and that of the site's most accurate
 * candidate), and the measured error: the metric loss when this site alone takes the choice (the others at their
 * most accurate), null if it is the reference or could not be scored.
 */
public record SitePlan(String site, String op, String approximation, Map<String, String> knobs, long rounds,
                       long bytesPerParty, long offlineBytes, double predictedSeconds, double referenceSeconds,
                       Double measuredLoss) {
    public SitePlan {
        knobs = Map.copyOf(knobs);
    }
}
