package org.cryptorch.approx;

import java.util.ArrayList;
import java.util.List;
import org.cryptorch.ir.Value;

/**
 * Maxima by a balanced tree of pairwise maxima: ceil(log2 n) levels, each one comparison and one product, all pairs
 * of a level side by side.
 */
public final class TreeMax {
    private TreeMax() {
    }

    /** The maximum along {@code axis} (kept with size 1); {@code length} is the axis's size. */
    public static Value alongAxis(Emitter e, Value x, int axis, int length, int bits) {
        Value cur = x;
        int n = length;
        while (n > 1) {
            int half = n / 2;
            Value m = e.max(e.slice(cur, axis, 0, half, 1), e.slice(cur, axis, half, 2L * half, 1), bits);
            // an odd element waits for the next level
            cur = n % 2 == 0 ? m : e.concat(axis, List.of(m, e.slice(cur, axis, 2L * half, n, 1)));
            n = half + n % 2;
        }
        return cur;
    }

    /** The element-wise maximum of equally shaped values. */
    public static Value ofAll(Emitter e, List<Value> values, int bits) {
        List<Value> level = new ArrayList<>(values);
        while (level.size() > 1) {
            List<Value> next = new ArrayList<>();
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(e.max(level.get(i), level.get(i + 1), bits));
            }
            if (level.size() % 2 == 1) {
                next.add(level.get(level.size() - 1));
            }
            level = next;
        }
        return level.get(0);
    }
}
