package org.cryptorch.net.link;

/**
 * What an emulated link does to each direction: every byte arrives {@code oneWayDelayNanos} after it has been put on
 * the wire, and a direction puts at most {@code bytesPerSecond} on the wire.
 *
 * @param oneWayDelayNanos half the round-trip time
 * @param bytesPerSecond   rate of one direction (both directions have their own)
 */
public record LinkSettings(long oneWayDelayNanos, double bytesPerSecond) {
    public LinkSettings {
        if (oneWayDelayNanos < 0) {
            throw new IllegalArgumentException("link delay must be >= 0, got " + oneWayDelayNanos + " ns");
        }
        if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
            throw new IllegalArgumentException("link rate must be positive and finite, got " + bytesPerSecond
                + " B/s");
        }
    }

    public static LinkSettings ofRttMillisAndMbits(double rttMillis, double megabitsPerSecond) {
        if (!(rttMillis >= 0) || !(megabitsPerSecond > 0)) {
            throw new IllegalArgumentException("link needs RTT >= 0 ms and rate > 0 Mbit/s, got " + rttMillis
                + " ms and " + megabitsPerSecond + " Mbit/s");
        }
        return new LinkSettings(Math.round(rttMillis * 1e6 / 2), megabitsPerSecond * 1e6 / 8);
    }

    public double rttMillis() {
        return 2 * oneWayDelayNanos / 1e6;
    }

    public double megabitsPerSecond() {
        return bytesPerSecond * 8 / 1e6;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s ms RTT, %s Mbit/s", trim(rttMillis()),
            trim(megabitsPerSecond()));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
