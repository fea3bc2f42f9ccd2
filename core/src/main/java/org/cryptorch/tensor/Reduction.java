package org.cryptorch.tensor;

/**
 * Which output element each input element folds into when reducing over some axes (numpy semantics: an empty axes
 * array reduces nothing; negative axes count from the end; repeated axes are an error).
 */
final class Reduction {
    private final Shape outShape;
    private final IndexMap targets;
    private final int groupSize;

    Reduction(Shape in, int[] axes, boolean keepDims) {
        boolean[] reduced = new boolean[in.rank()];
        for (int axis : axes) {
            int a = in.axis(axis);
            if (reduced[a]) {
                throw new IllegalArgumentException("axis " + axis + " listed twice for reduction of shape " + in);
            }
            reduced[a] = true;
        }
        int[] kept = in.dims();
        int keptRank = 0;
        int group = 1;
        for (int a = 0; a < in.rank(); a++) {
            if (reduced[a]) {
                group *= in.dim(a);
                kept[a] = 1;
            } else {
                keptRank++;
            }
        }
        Shape keptShape = Shape.of(kept);
        this.targets = IndexMap.reductionTargets(in, reduced, keptShape);
        this.groupSize = group;
        if (keepDims) {
            this.outShape = keptShape;
        } else {
            int[] dims = new int[keptRank];
            int j = 0;
            for (int a = 0; a < in.rank(); a++) {
                if (!reduced[a]) {
                    dims[j++] = in.dim(a);
                }
            }
            this.outShape = Shape.of(dims);
        }
    }

    Shape outShape() {
        return outShape;
    }

    /** Output index that input element {@code i} folds into. */
    int target(int i) {
        return targets.source(i);
    }

    /** How many input elements fold into each output element. */
    int groupSize() {
        return groupSize;
    }
}
