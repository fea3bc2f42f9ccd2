package org.cryptorch.cli.selftest;

import org.cryptorch.mpc.ArithmeticRecipes;
import org.cryptorch.mpc.Cost;
import org.cryptorch.mpc.Recipe;

/**
 * The correlated randomness itself across processes: the parties take Beaver triples from the remote dealer and
 * party 0 checks {@code c = a*b} on the combined shares. The error is the number of wrong elements (bound 0).
 */
final class DealerCheck implements ProtocolCheck {
    private final int n;

    DealerCheck(int n) {
        this.n = n;
    }

    @Override
    public String name() {
        return "dealer";
    }

    @Override
    public CheckOutcome run(PartySession s) {
        Recipe triple = ArithmeticRecipes.triple(n);
        long[][] mine = s.online(name(), () -> s.party().correlations().take(triple));
        long[] a1 = s.party1s(mine[0]);
        long[] b1 = s.party1s(mine[1]);
        long[] c1 = s.party1s(mine[2]);
        long wrong = 0;
        for (int i = 0; i < n; i++) {
            long a = mine[0][i] + a1[i];
            long b = mine[1][i] + b1[i];
            wrong += (mine[2][i] + c1[i]) == a * b ? 0 : 1;
        }
        return CheckOutcome.of(n, 0, wrong, 0, new Cost(0, 0, 0, triple.offlineBytes()));
    }
}
