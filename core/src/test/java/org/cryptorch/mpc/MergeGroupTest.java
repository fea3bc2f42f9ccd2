package org.cryptorch.mpc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MergeGroupTest {
    /** The counts that docs/protocols.md states and the cost formulas rely on. */
    @ParameterizedTest
    @CsvSource({"1,true,0,0", "2,false,2,1", "2,true,3,2", "3,false,4,4", "3,true,5,7", "4,false,6,11",
        "4,true,7,18"})
    void openedBitsAndMaskMonomials(int size, boolean needsP, int opened, int monomials) {
        MergeGroup g = new MergeGroup(size, needsP);
        assertThat(g.openedCount()).isEqualTo(opened);
        assertThat(g.polynomials().dealerPlaneCount()).isEqualTo(monomials);
    }

    /** Dealer planes of a leaf: two bits need u1v1 ^ u1u0v0 ^ u0v1v0, u0v0, u1v0, u0v1 (see CarryCircuit). */
    @ParameterizedTest
    @CsvSource({"1,false,1", "1,true,1", "2,false,4", "2,true,4", "3,false,12", "3,true,12"})
    void leafDealerPlanes(int size, boolean needsP, int planes) {
        assertThat(new LeafGroup(size, needsP).polynomials().dealerPlaneCount()).isEqualTo(planes);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"1;1", "2;2", "6;3,3", "7;2,2,2,1", "15;2,2,2,2,2,2,2,1",
        "23;3,3,3,3,3,3,3,2", "24;3,3,3,3,3,3,3,3", "25;2,2,2,2,2,2,2,2,2,2,2,2,1",
        "63;2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1"})
    void leavesHaveTwoBitsUnlessThreeSaveARound(int lowBits, String sizes) {
        int[] expected = java.util.Arrays.stream(sizes.split(",")).mapToInt(Integer::parseInt).toArray();
        assertThat(new CarryTree(lowBits + 1).leafSizes()).containsExactly(expected);
    }

    @ParameterizedTest
    @CsvSource({"0", "5"})
    void groupSizeOutsideOneToFourIsRejected(int size) {
        assertThatThrownBy(() -> new MergeGroup(size, true)).hasMessageContaining("merge group of " + size
            + " nodes: must be 1 to 4");
    }

    @ParameterizedTest
    @CsvSource({"3,2", "5,2", "8,2", "9,3", "12,3", "32,8", "33,9"})
    void levelsShrinkByUpToFourAndStopAtTwo(int nodes, int expected) {
        assertThat(CarryTree.groups(nodes)).hasSize(expected)
            .allSatisfy(g -> assertThat(g.size()).isBetween(1, 4));
        assertThat(CarryTree.groups(nodes).stream().mapToInt(MergeGroup::size).sum()).isEqualTo(nodes);
        assertThat(CarryTree.groups(nodes).get(0).needsP()).isFalse();
    }
}
