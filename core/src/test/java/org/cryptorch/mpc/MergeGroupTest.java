package org.cryptorch.mpc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MergeGroupTest {
    /** The counts that docs/protocols-comparison.md states and the cost formulas rely on. */
    @ParameterizedTest
    @CsvSource({"1,true,0,0", "2,false,2,1", "2,true,3,2", "3,false,4,5", "3,true,5,8", "4,false,6,15",
        "4,true,7,22"})
    void openedBitsAndMaskMonomials(int size, boolean needsP, int opened, int monomials) {
        MergeGroup g = new MergeGroup(size, needsP);
        assertThat(g.openedCount()).isEqualTo(opened);
        assertThat(g.monomials()).hasSize(monomials);
        for (int s : g.monomials()) {
            assertThat(Integer.bitCount(s)).as("monomial degree").isGreaterThan(1);
        }
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
