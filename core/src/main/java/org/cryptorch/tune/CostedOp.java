package org.cryptorch.tune;

/**
 * What the cost model needs to know about one op of a lowered program: its protocol cost (online rounds, bytes
 * sent per party, dealer bytes) and its local work (ring elements touched and multiply-accumulates). The compiler's
 * Program ops implement or adapt to this.
 */
public interface CostedOp {
    /** The approximation site or graph node this op comes from. */
    String site();

    /** The primitive op, e.g. {@code Mul}, {@code Ltz}, {@code MatMul}. */
    String op();

    long rounds();

    long bytesPerParty();

    long offlineBytes();

    /** Ring elements processed element-wise (inputs plus outputs of element-wise work). */
    long elements();

    /** Multiply-accumulates of matmul or convolution, 0 for element-wise ops. */
    long macs();

    /** A plain value of this interface, for tests and for programs whose ops are summarised. */
    static CostedOp of(String site, String op, long rounds, long bytesPerParty, long offlineBytes, long elements,
                       long macs) {
        return new SimpleCostedOp(site, op, rounds, bytesPerParty, offlineBytes, elements, macs);
    }

    /** The plain implementation behind {@link #of}. */
    record SimpleCostedOp(String site, String op, long rounds, long bytesPerParty, long offlineBytes, long elements,
                          long macs) implements CostedOp {
        public SimpleCostedOp {
            if (rounds < 0 || bytesPerParty < 0 || offlineBytes < 0 || elements < 0 || macs < 0) {
                throw new IllegalArgumentException("op " + op + " at " + site + " has a negative cost component");
            }
        }
    }
}
