package org.cryptorch.tune;

import java.util.Locale;
import org.cryptorch.net.link.LinkSettings;

/**
 * The network the parties talk over: round-trip time and bandwidth of one direction (both parties send at once, so
 * each party's bytes go through its own direction). A round costs one one-way delay ({@code rtt / 2}): both parties
 * send at once and each waits only for the other's message to arrive. Bytes cost {@code 1/bandwidth}.
 *
 * @param name           a label for reports ({@code lan}, {@code 40ms,100mbit}, ...)
 * @param rttSeconds     round-trip time
 * @param bytesPerSecond bandwidth of one direction
 */
public record NetworkProfile(String name, double rttSeconds, double bytesPerSecond) {
    /**
     * Two processes on this machine with TLS: RTT ~95 us and ~0.55 GiB/s echo throughput counting both directions
     * (about 2.4 Gbit/s each way), measured with bench TransportBench (docs/transport.md).
     */
    public static final NetworkProfile LOOPBACK = ofMillisAndMbits("loopback", 0.1, 2_400);
    /** LAN as the literature measures on it (Cheetah, SPU, BOLT): 0.3 ms RTT, 3 Gbit/s. */
    public static final NetworkProfile LAN = ofMillisAndMbits("lan", 0.3, 3_000);
    /** WAN as the literature measures on it (Cheetah, SPU, BOLT): 40 ms RTT, 400 Mbit/s. */
    public static final NetworkProfile WAN = ofMillisAndMbits("wan", 40, 400);

    public NetworkProfile {
        if (!(rttSeconds >= 0) || Double.isInfinite(rttSeconds)) {
            throw new IllegalArgumentException("network RTT must be a finite non-negative time, got " + rttSeconds
                + " s");
        }
        if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
            throw new IllegalArgumentException("network bandwidth must be positive and finite, got " + bytesPerSecond
                + " B/s");
        }
    }

    public static NetworkProfile ofMillisAndMbits(String name, double rttMillis, double megabitsPerSecond) {
        return new NetworkProfile(name, rttMillis / 1e3, megabitsPerSecond * 1e6 / 8);
    }

    /** A preset name ({@code loopback}, {@code lan}, {@code wan}) or custom {@code RTT_MS,MBITS}, e.g. {@code 5,1000}. */
    public static NetworkProfile parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "loopback" -> {
                return LOOPBACK;
            }
            case "lan" -> {
                return LAN;
            }
            case "wan" -> {
                return WAN;
            }
            default -> {
                return parseCustom(text, t);
            }
        }
    }

    private static NetworkProfile parseCustom(String original, String t) {
        String[] parts = original.trim().split(",", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("network '" + original
                + "' is neither loopback, lan, wan nor RTT_MS,MBITS (e.g. 40,400)");
        }
        double rtt = number(original, parts[0], "RTT in ms");
        double mbits = number(original, parts[1], "bandwidth in Mbit/s");
        if (rtt < 0 || mbits <= 0) {
            throw new IllegalArgumentException("network '" + original
                + "': RTT must be >= 0 ms and bandwidth > 0 Mbit/s");
        }
        return ofMillisAndMbits(t, rtt, mbits);
    }

    private static double number(String original, String part, String what) {
        try {
            double v = Double.parseDouble(part.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the whole text
        }
        throw new IllegalArgumentException("network '" + original + "': '" + part.trim() + "' is not a number ("
            + what + ")");
    }

    /** The emulated link with this profile's delay and rate ({@code cryptorch link}). */
    public LinkSettings link() {
        return new LinkSettings(Math.round(rttSeconds * 1e9 / 2), bytesPerSecond);
    }

    /** Seconds spent waiting on the network: {@code rounds x RTT / 2 + bytes / bandwidth}. */
    public double seconds(long rounds, long bytesPerParty) {
        return rounds * rttSeconds / 2 + bytesPerParty / bytesPerSecond;
    }
}
