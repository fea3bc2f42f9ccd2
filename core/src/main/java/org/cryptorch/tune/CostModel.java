package org.cryptorch.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Predicts latency as {@code rounds x RTT + bytes / bandwidth + compute}: the protocols' exact round and byte counts
 * priced by a {@link NetworkProfile}, plus local compute from a {@link ComputeCalibration}. Offline (dealer) bytes
 * are reported but not in the latency: the dealer works before the input arrives.
 */
public final class CostModel {
    private final NetworkProfile network;
    private final ComputeCalibration compute;

    public CostModel(NetworkProfile network, ComputeCalibration compute) {
        this.network = network;
        this.compute = compute;
    }

    public NetworkProfile network() {
        return network;
    }

    public ComputeCalibration compute() {
        return compute;
    }

    /** Every op on its own (no fusion). */
    public CostPrediction predict(List<? extends CostedOp> ops) {
        return predict(ops, Schedule.sequential(ops.size()));
    }

    public CostPrediction predict(List<? extends CostedOp> ops, Schedule schedule) {
        if (schedule.opCount() != ops.size()) {
            throw new IllegalArgumentException("schedule covers " + schedule.opCount() + " ops but the program has "
                + ops.size());
        }
        OpLatency[] out = new OpLatency[ops.size()];
        long rounds = 0;
        long bytes = 0;
        long offline = 0;
        double seconds = 0;
        for (int[] group : schedule.groups()) {
            long groupRounds = Arrays.stream(group).mapToLong(i -> ops.get(i).rounds()).max().orElse(0);
            long memberRounds = Arrays.stream(group).mapToLong(i -> ops.get(i).rounds()).sum();
            rounds += groupRounds;
            for (int i : group) {
                CostedOp op = ops.get(i);
                double share = memberRounds == 0 ? 0 : (double) op.rounds() / memberRounds;
                out[i] = new OpLatency(op.site(), op.op(), op.rounds(), op.bytesPerParty(), op.offlineBytes(),
                    share * network.seconds(groupRounds, 0), network.seconds(0, op.bytesPerParty()),
                    compute.seconds(op.elements(), op.macs()));
                bytes += op.bytesPerParty();
                offline += op.offlineBytes();
                seconds += out[i].seconds();
            }
        }
        return new CostPrediction(new ArrayList<>(Arrays.asList(out)), rounds, bytes, offline, seconds);
    }

    /** Latency of ops that run one after another, without building the per-op breakdown. */
    public double seconds(List<? extends CostedOp> ops) {
        double s = 0;
        for (CostedOp op : ops) {
            s += network.seconds(op.rounds(), op.bytesPerParty()) + compute.seconds(op.elements(), op.macs());
        }
        return s;
    }
}
