package org.cryptorch.tune;

/**
 * How fast this machine does the local work of the protocols: element-wise ring operations per second and matmul
 * multiply-accumulates per second. Both parties compute at the same time, so one party's time is the estimate.
 *
 * @param elementOpsPerSecond ring element operations (an add or multiply of longs) per second
 * @param macsPerSecond       matmul multiply-accumulates per second
 */
public record ComputeCalibration(double elementOpsPerSecond, double macsPerSecond) {
    public ComputeCalibration {
        if (!(elementOpsPerSecond > 0) || !(macsPerSecond > 0)) {
            throw new IllegalArgumentException("compute rates must be positive, got " + elementOpsPerSecond
                + " element ops/s and " + macsPerSecond + " MAC/s");
        }
    }

    /** Estimated local compute time of an op touching {@code elements} ring elements and doing {@code macs}. */
    public double seconds(long elements, long macs) {
        return elements / elementOpsPerSecond + macs / macsPerSecond;
    }
}
