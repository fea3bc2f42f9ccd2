package org.cryptorch.tune;

import java.util.List;

/**
 * The online time of a program between two parties on a network, from each party's own clock: a party sends a
 * round's message when its work before it is done and goes on when the other's message has arrived (one one-way
 * delay plus the bytes' time on the wire after it was sent). A round in which only one party sends (an input, a
 * product with the other's weight, an output) does not hold up the sender, so the parties drift apart by up to one
 * delay and a one-sided round sent by the party ahead costs no delay at all: on wan mnist_cnn's 17 rounds take about
 * 14 one-way delays. The time of the run is the later clock at the end (both start when they meet).
 */
public final class PartyClocks {
    private PartyClocks() {
    }

    /**
     * One step of a program: its rounds, the bytes each party sends in them, the seconds its work and rounds take
     * two processes on this machine without a network's delay, and the part of its bytes' wire time that this
     * machine's own per-byte cost (already in {@code localSeconds}) does not cover.
     */
    public record Step(long rounds, long bytesSentByParty0, long bytesSentByParty1, double localSeconds) {
    }

    /**
     * @param oneWayDelay   seconds a message travels
     * @param wireSecondsPerByte  seconds a byte occupies the wire beyond what {@code localSeconds} already counts
     */
    public static double seconds(List<Step> steps, double oneWayDelay, double wireSecondsPerByte) {
        double t0 = 0;
        double t1 = 0;
        for (Step s : steps) {
            if (s.rounds() == 0) {
                t0 += s.localSeconds();
                t1 += s.localSeconds();
                continue;
            }
            double work = s.localSeconds() / s.rounds();
            double arrive0 = oneWayDelay + s.bytesSentByParty0() * wireSecondsPerByte / s.rounds();
            double arrive1 = oneWayDelay + s.bytesSentByParty1() * wireSecondsPerByte / s.rounds();
            boolean from0 = s.bytesSentByParty0() > 0 || s.bytesSentByParty1() == 0;
            boolean from1 = s.bytesSentByParty1() > 0 || s.bytesSentByParty0() == 0;
            for (long r = 0; r < s.rounds(); r++) {
                double sent0 = t0 + work;
                double sent1 = t1 + work;
                t0 = from1 ? Math.max(sent0, sent1 + arrive1) : sent0;
                t1 = from0 ? Math.max(sent1, sent0 + arrive0) : sent1;
            }
        }
        return Math.max(t0, t1);
    }
}
