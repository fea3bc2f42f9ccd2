package org.cryptorch.cli.selftest;

import java.util.ArrayList;
import java.util.List;

/** The selftest's lines in order. Adding a protocol is one entry here. */
final class Checks {
    private Checks() {
    }

    static List<ProtocolCheck> all(SelftestConfig c) {
        int n = c.elements();
        return List.of(
            new DealerCheck(n),
            ArithmeticChecks.input(n),
            ArithmeticChecks.reveal(n),
            ArithmeticChecks.mul(n),
            ArithmeticChecks.square(n),
            BilinearChecks.matmul(c.matmulSize()),
            BilinearChecks.matmulWithWeight(c.matmulSize()),
            BilinearChecks.conv2d(c.convChannels()),
            ArithmeticChecks.truncLocal(n),
            ArithmeticChecks.truncDealer(n),
            ComparisonChecks.ltz(n, 64),
            ComparisonChecks.ltz(n, 24),
            ComparisonChecks.relu(n),
            ComparisonChecks.select(n),
            ComparisonChecks.max(n));
    }

    /** The checks {@code c.only()} selects (all when empty); an unknown name is an error. */
    static List<ProtocolCheck> selected(SelftestConfig c) {
        List<ProtocolCheck> all = all(c);
        if (c.only().isEmpty()) {
            return all;
        }
        List<ProtocolCheck> picked = new ArrayList<>();
        for (String name : c.only()) {
            List<ProtocolCheck> match = all.stream().filter(k -> k.name().equals(name)).toList();
            if (match.isEmpty()) {
                throw new IllegalArgumentException("unknown check '" + name + "'; known: "
                    + all.stream().map(ProtocolCheck::name).distinct().toList());
            }
            picked.addAll(match);
        }
        return picked;
    }
}
