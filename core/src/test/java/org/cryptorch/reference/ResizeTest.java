package org.cryptorch.reference;

import static org.cryptorch.reference.OpTester.assertFloat;
import static org.cryptorch.reference.OpTester.f;
import static org.cryptorch.reference.OpTester.l;
import static org.cryptorch.reference.OpTester.op;
import static org.cryptorch.reference.OpTester.s;

import org.cryptorch.tensor.FloatTensor;
import org.junit.jupiter.api.Test;

class ResizeTest {
    private static final FloatTensor X = f(s(1, 1, 1, 2), 1, 3);

    @Test
    void nearestHalfPixelUpsampling() {
        assertFloat(op("Resize").run(X, null, f(1, 1, 1, 2)), s(1, 1, 1, 4), 1, 1, 3, 3);
    }

    @Test
    void linearAlignCornersToGivenSizes() {
        assertFloat(op("Resize").attr("mode", "linear").attr("coordinate_transformation_mode", "align_corners")
            .run(X, null, null, l(1, 1, 1, 3)), s(1, 1, 1, 3), 1, 2, 3);
    }

    @Test
    void linearHalfPixelRepeatsTheEdges() {
        assertFloat(op("Resize").attr("mode", "linear").run(X, null, f(1, 1, 1, 2)), s(1, 1, 1, 4),
            1, 1.5, 2.5, 3);
    }

    @Test
    void upsampleBeforeOpset11UsesAsymmetricFloor() {
        assertFloat(op("Upsample").opset(9).run(X, f(1, 1, 1, 2)), s(1, 1, 1, 4), 1, 1, 3, 3);
    }
}
