package org.cryptorch.onnx;

import java.util.Arrays;

/** A growable {@code double[]} for repeated float/double fields, whose count is known only after reading. */
final class DoubleList {
    private double[] items = new double[8];
    private int size;

    void add(double v) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = v;
    }

    int size() {
        return size;
    }

    double get(int i) {
        return items[i];
    }

    double[] toArray() {
        return Arrays.copyOf(items, size);
    }
}
