package org.cryptorch.tensor;

/**
 * One row-major matrix product {@code c = a · b} on arrays of type {@code A} (long[] or double[]): a is m×k at
 * {@code aOff}, b is k×n at {@code bOff}, and the m×n block of c at {@code cOff} is overwritten.
 */
interface MatmulKernel<A> {
    void multiply(A a, int aOff, A b, int bOff, A c, int cOff, int m, int k, int n);
}
