package org.cryptorch.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Predicts latency op by op as {@code rounds x (RTT / 2 + overhead) + bytes x time per byte + compute}: the
 * protocols' exact round and byte counts priced by a {@link NetworkProfile}, plus local compute. Compute, the
 * per-round overhead and the per-byte cost of two processes come from this machine's {@link RunCalibration} when one
 * was fitted (a byte then costs the slower of this machine and the network's rate, which overlap), else compute from
 * the {@link ComputeCalibration} microbenchmark, no overhead and the network's rate. Offline (dealer) bytes are
 * reported but not in the latency: the dealer works before the input arrives. Being additive over ops, it is what
 * the tuner compares sites with; a whole run's prediction ({@link RunCalibration#seconds}) also lets one-sided rounds
 * overlap.
 */
public final class CostModel {
    private final NetworkProfile network;
    private final ComputeCalibration compute;
    private final RunCalibration run;

    public CostModel(NetworkProfile network, ComputeCalibration compute) {
        this(network, compute, null);
    }

    private CostModel(NetworkProfile network, ComputeCalibration compute, RunCalibration run) {
        this.network = network;
        this.compute = compute;
        this.run = run;
    }

    /** Priced by a run calibration. */
    public static CostModel calibrated(NetworkProfile network, RunCalibration run) {
        return new CostModel(network, null, run);
    }

    /** This machine's cost model: its run calibration if {@code bench --calibrate} fitted one, else the compute one. */
    public static CostModel forThisMachine(NetworkProfile network) {
        ComputeCalibration compute = CalibrationCache.forThisMachine().get();
        RunCalibration run = RunCalibration.load(RunCalibration.file());
        return new CostModel(network, compute, run);
    }

    /** The same calibration on another network. */
    public CostModel on(NetworkProfile other) {
        return new CostModel(other, compute, run);
    }

    /** Whether a fitted run calibration prices compute and rounds (else the microbenchmark, without overhead). */
    public boolean runCalibrated() {
        return run != null;
    }

    public NetworkProfile network() {
        return network;
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
                    share * roundSeconds(groupRounds), byteSeconds(op.bytesPerParty()), computeSeconds(op));
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
            s += roundSeconds(op.rounds()) + byteSeconds(op.bytesPerParty()) + computeSeconds(op);
        }
        return s;
    }

    /**
     * A run calibration measured loopback as it is, so there its fitted terms are the whole price; another network
     * adds its own delay and rate to them.
     */
    private NetworkProfile added() {
        return run != null && network.name().equals(NetworkProfile.LOOPBACK.name()) ? null : network;
    }

    private double roundSeconds(long rounds) {
        NetworkProfile n = added();
        return (n == null ? 0 : n.seconds(rounds, 0)) + (run == null ? 0 : rounds * run.roundOverheadSeconds());
    }

    private double byteSeconds(long bytes) {
        if (run == null) {
            return network.seconds(0, bytes);
        }
        NetworkProfile n = added();
        return bytes * (run.byteSeconds() + (n == null ? 0 : run.wireSecondsPerByte(n)));
    }

    private double computeSeconds(CostedOp op) {
        if (run == null) {
            return compute.seconds(op.elements(), op.macs());
        }
        return run.stepSeconds(0, 0, op.macs(), op.elements());
    }
}
