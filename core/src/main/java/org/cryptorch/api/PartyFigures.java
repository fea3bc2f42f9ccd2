package org.cryptorch.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one party measured over a run: online and offline time, its online rounds and bytes sent, the correlation
 * bytes it received from the dealer, and the same online figures per program op (summed over batches, keyed by op
 * and site). Plain fields so Jackson can carry them from party 1 to party 0.
 */
public final class PartyFigures {
    /** Online figures of one program op at one site. */
    public static final class OpFigures {
        public String op;
        public String site;
        public long rounds;
        public long bytes;
        public long nanos;
    }

    public long onlineNanos;
    public long offlineNanos;
    public long compileNanos;
    public long setupNanos;
    public long setupRounds;
    public long setupBytesSent;
    public long rounds;
    public long bytesSent;
    public long offlineBytes;
    public Map<String, OpFigures> perOp = new LinkedHashMap<>();

    void addOp(String op, String site, long rounds, long bytes, long nanos) {
        OpFigures f = perOp.computeIfAbsent(op + "@" + site, k -> {
            OpFigures n = new OpFigures();
            n.op = op;
            n.site = site;
            return n;
        });
        f.rounds += rounds;
        f.bytes += bytes;
        f.nanos += nanos;
    }

    List<OpFigures> ops() {
        return new ArrayList<>(perOp.values());
    }
}
