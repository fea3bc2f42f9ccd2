package org.cryptorch.mpc;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.cryptorch.net.Channel;
import org.cryptorch.net.ProtocolException;

/**
 * A party's correlations from a remote {@link DealerServer}. Party 0 only receives its seed and expands everything
 * locally. Party 1 receives its seed and asks the dealer for the corrections of every recipe: one request per
 * {@link #take}, or one request for a whole list by {@link #prefetch} (the offline phase), after which the takes of
 * those recipes cost no dealer traffic. A prefetch also expands both parties' shares from their seeds ahead of use.
 */
public final class RemoteCorrelations implements Correlations, AutoCloseable {
    /** Corrections received ahead of their take, with the recipe they belong to. */
    private record Fetched(RecipeSpec spec, long[][] corrections) {
    }

    private final int party;
    private final Channel dealer;
    private final SeededCorrelations seeded;
    private final Deque<Fetched> fetched = new ArrayDeque<>();
    private long offlineBytes;
    private int pending;
    private boolean ended;

    private RemoteCorrelations(int party, Channel dealer, byte[] seed) {
        this.party = party;
        this.dealer = dealer;
        this.seeded = new SeededCorrelations(party, seed, this::correctionsFor);
    }

    /** Receives this party's seed from the dealer at the other end of {@code dealer} (which stays owned by the caller). */
    public static RemoteCorrelations connect(int party, Channel dealer) {
        String old = dealer.stats().setLabel(DealerWire.LABEL);
        try {
            byte[] seed = dealer.receiveBytes();
            if (seed.length != 16) {
                throw new ProtocolException("party" + party + ": " + dealer.peer() + " sent a seed of " + seed.length
                    + " bytes, expected 16");
            }
            return new RemoteCorrelations(party, dealer, seed);
        } finally {
            dealer.stats().setLabel(old);
        }
    }

    @Override
    public long[][] take(Recipe r) {
        long[][] shares = seeded.take(r);
        pending = Math.max(0, pending - 1);
        return shares;
    }

    @Override
    public void prefetch(List<Recipe> recipes) {
        if (recipes.isEmpty()) {
            return;
        }
        if (party == 1) {
            request(recipes);
            for (Recipe r : recipes) {
                fetched.add(new Fetched(r.spec(), receiveCorrections(r)));
            }
        }
        // Expanding now consumes the fetched corrections in order, so the online takes only dequeue.
        seeded.prefetch(recipes);
        pending += recipes.size();
    }

    /** Number of prefetched recipes not yet taken. */
    public int pending() {
        return pending;
    }

    @Override
    public long offlineBytesReceived() {
        return offlineBytes;
    }

    /** Party 1 tells the dealer the session is over, so it can exit; party 0 has nothing to say. */
    @Override
    public void close() {
        if (party == 1 && !ended) {
            ended = true;
            String old = dealer.stats().setLabel(DealerWire.LABEL);
            try {
                dealer.sendBytes(DealerWire.encode(List.of()));
            } finally {
                dealer.stats().setLabel(old);
            }
        }
    }

    private long[][] correctionsFor(Recipe r) {
        Fetched next = fetched.poll();
        if (next != null) {
            if (!next.spec().equals(r.spec())) {
                throw new IllegalStateException("recipes taken out of prefetch order: took " + r.spec()
                    + " but the next prefetched one is " + next.spec());
            }
            return next.corrections();
        }
        request(List.of(r));
        return receiveCorrections(r);
    }

    private void request(List<Recipe> recipes) {
        if (ended) {
            throw new IllegalStateException("the dealer session is closed");
        }
        String old = dealer.stats().setLabel(DealerWire.LABEL);
        try {
            dealer.sendBytes(DealerWire.encode(recipes.stream().map(Recipe::spec).toList()));
            DealerWire.expectAccepted(dealer);
        } finally {
            dealer.stats().setLabel(old);
        }
    }

    private long[][] receiveCorrections(Recipe r) {
        String old = dealer.stats().setLabel(DealerWire.LABEL);
        try {
            int[] sizes = DealerWire.correctionSizes(r);
            long[][] out = new long[sizes.length][];
            for (int i = 0; i < sizes.length; i++) {
                out[i] = dealer.receive(sizes[i]);
                offlineBytes += 8L * sizes[i];
            }
            return out;
        } catch (ProtocolException e) {
            throw new ProtocolException(e.getMessage() + " (receiving the corrections of " + r.spec() + ")", e);
        } finally {
            dealer.stats().setLabel(old);
        }
    }
}
