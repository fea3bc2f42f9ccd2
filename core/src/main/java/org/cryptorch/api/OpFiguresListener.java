package org.cryptorch.api;

import org.cryptorch.net.Channel;
import org.cryptorch.net.TrafficStats;

/** Measures each program op's online rounds, bytes sent and time on the channel to the other party. */
final class OpFiguresListener implements Executable.OpListener {
    private final Channel peer;
    private final PartyFigures figures;
    private final Runnable opDone;
    private String op;
    private String site;
    private TrafficStats.Counter before;
    private long startNanos;

    OpFiguresListener(Channel peer, PartyFigures figures, Runnable opDone) {
        this.peer = peer;
        this.figures = figures;
        this.opDone = opDone;
    }

    @Override
    public void beforeOp(int index, String op, String site) {
        this.op = op;
        this.site = site;
        this.before = peer.stats().total();
        this.startNanos = System.nanoTime();
    }

    @Override
    public void afterOp(int index) {
        long nanos = System.nanoTime() - startNanos;
        TrafficStats.Counter after = peer.stats().total();
        figures.addOp(op, site, after.rounds - before.rounds, after.bytesSent - before.bytesSent, nanos);
        opDone.run();
    }
}
