package org.cryptorch.tensor;

/** Element types the project stores. Floats live in {@link FloatTensor}, everything else in {@link LongTensor}. */
public enum DType {
    FLOAT32, FLOAT64, INT64, INT32, BOOL;

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }
}
