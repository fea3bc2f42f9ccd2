package org.cryptorch.cli.bench;

import java.util.Map;

/**
 * What one private run of a model on one network measured: online time (the slower party's), its exact rounds and
 * bytes, the dealer's bytes, the largest error against the reference output, and the online seconds per op kind.
 */
record RunFigures(double onlineSeconds, long rounds, long bytesPerParty, long offlineBytes, double maxError,
                  Map<String, Double> secondsByOp) {
}
