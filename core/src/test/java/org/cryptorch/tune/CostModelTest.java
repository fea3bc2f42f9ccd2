package org.cryptorch.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class CostModelTest {
    /** 1e8 element ops/s and 1e10 MAC/s: fixed, so no test depends on this machine's speed. */
    private static final ComputeCalibration CALIBRATION = new ComputeCalibration(1e8, 1e10);
    private static final NetworkProfile NET = NetworkProfile.ofMillisAndMbits("t", 20, 8); // rounds 10 ms, 1 MB/s

    private static final List<CostedOp> OPS = List.of(
        CostedOp.of("fc1", "MatMul", 1, 1_000_000, 2_000_000, 0, 1_000_000_000),
        CostedOp.of("gelu", "Ltz", 4, 500_000, 100, 1_000_000, 0),
        CostedOp.of("gelu", "Ltz", 2, 500_000, 100, 1_000_000, 0));

    @Test
    void sequentialOpsAddRoundsBytesAndCompute() {
        CostPrediction p = new CostModel(NET, CALIBRATION).predict(OPS);
        assertThat(p.rounds()).isEqualTo(7);
        assertThat(p.bytesPerParty()).isEqualTo(2_000_000);
        assertThat(p.offlineBytes()).isEqualTo(2_000_200);
        // 7 x 10 ms (one-way delay) + 2 MB / 1 MB/s + (1e9 MAC / 1e10 + 2e6 elements / 1e8)
        assertThat(p.seconds()).isEqualTo(0.07 + 2 + 0.1 + 0.02, offset(1e-12));
        OpLatency matmul = p.ops().get(0);
        assertThat(matmul.roundSeconds()).isEqualTo(0.01, offset(1e-12));
        assertThat(matmul.transferSeconds()).isEqualTo(1, offset(1e-12));
        assertThat(matmul.computeSeconds()).isEqualTo(0.1, offset(1e-12));
        assertThat(new CostModel(NET, CALIBRATION).seconds(OPS)).isEqualTo(p.seconds(), offset(1e-12));
    }

    @Test
    void fusedOpsCountTheirRoundsOnce() {
        Schedule fused = Schedule.of(3, List.of(new int[] {0}, new int[] {1, 2}));
        CostPrediction p = new CostModel(NET, CALIBRATION).predict(OPS, fused);
        assertThat(p.rounds()).isEqualTo(1 + 4);
        assertThat(p.bytesPerParty()).isEqualTo(2_000_000);
        assertThat(p.seconds()).isEqualTo(0.05 + 2 + 0.12, offset(1e-12));
        // the group's 4 rounds are shared 4:2 between its members
        assertThat(p.ops().get(1).roundSeconds()).isEqualTo(0.04 * 4 / 6, offset(1e-12));
        assertThat(p.ops().get(2).roundSeconds()).isEqualTo(0.04 * 2 / 6, offset(1e-12));
        assertThat(p.ops().stream().mapToDouble(OpLatency::seconds).sum()).isEqualTo(p.seconds(), offset(1e-12));
    }

    @Test
    void schedulesMustCoverEveryOpOnce() {
        assertThatThrownBy(() -> Schedule.of(3, List.of(new int[] {0, 1}))).hasMessageContaining("leaves op 2 out");
        assertThatThrownBy(() -> Schedule.of(2, List.of(new int[] {0, 1}, new int[] {1})))
            .hasMessageContaining("op 1 in two groups");
        assertThatThrownBy(() -> Schedule.of(2, List.of(new int[] {0, 5}))).hasMessageContaining("names op 5");
        assertThatThrownBy(() -> new CostModel(NET, CALIBRATION).predict(OPS, Schedule.sequential(2)))
            .hasMessageContaining("covers 2 ops but the program has 3");
    }
}
