package org.cryptorch.cli.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.api.RunStats;

/**
 * What one private run of a model on one network measured: online time (the slower party's), its exact rounds and
 * bytes, the dealer's bytes, the largest error against the reference output, the share of samples classified as
 * labelled (NaN without labels), and the online figures per op.
 */
public record RunFigures(double onlineSeconds, long rounds, long bytesPerParty, long offlineBytes, double maxError,
                         double accuracy, List<RunStats.Op> perOp) {
    /** Online seconds summed per op kind. */
    Map<String, Double> secondsByOp() {
        Map<String, Double> byOp = new LinkedHashMap<>();
        for (RunStats.Op op : perOp) {
            byOp.merge(op.op(), op.seconds(), Double::sum);
        }
        return byOp;
    }
}
