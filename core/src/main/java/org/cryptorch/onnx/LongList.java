package org.cryptorch.onnx;

import java.util.Arrays;

/** A growable {@code long[]} for repeated integer fields, whose count is known only after reading. */
final class LongList {
    private long[] items = new long[8];
    private int size;

    void add(long v) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = v;
    }

    int size() {
        return size;
    }

    long get(int i) {
        return items[i];
    }

    long[] toArray() {
        return Arrays.copyOf(items, size);
    }
}
