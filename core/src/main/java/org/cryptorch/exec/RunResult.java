package org.cryptorch.exec;

import java.util.List;
import java.util.Map;
import org.cryptorch.tensor.FloatTensor;

/**
 * What one run of a program gave this party: the outputs it received (by graph output name, decoded), and the
 * measured per-step statistics of the online phase (communicating steps only). {@code seconds} is the online time;
 * {@code offlineSeconds} the offline work (late correlations) that ran during the run and is not part of it.
 */
public record RunResult(Map<String, FloatTensor> outputs, List<OpStat> perOp, double seconds, double offlineSeconds) {
    public long rounds() {
        return perOp.stream().mapToLong(OpStat::rounds).sum();
    }

    public long bytesSent() {
        return perOp.stream().mapToLong(OpStat::bytes).sum();
    }
}
