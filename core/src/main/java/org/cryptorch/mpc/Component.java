package org.cryptorch.mpc;

/**
 * One array of a correlation (for example the {@code a} of a Beaver triple).
 *
 * <ul>
 *   <li>{@link Source#RANDOM}: both shares from the parties' PRG seeds; costs nothing to send.</li>
 *   <li>{@link Source#OWNED_BY_0} / {@link Source#OWNED_BY_1}: the value itself comes from that party's seed and the
 *       other party's share is zero (the value is known to its owner only); costs nothing to send.</li>
 *   <li>{@link Source#DERIVED}: a function of the others (such as {@code c = a*b}); party 0's share comes from its
 *       seed, party 1's is sent by the dealer as a correction, 8 bytes per word.</li>
 * </ul>
 */
public record Component(String name, int words, Sharing sharing, Source source) {
    public enum Source { RANDOM, OWNED_BY_0, OWNED_BY_1, DERIVED }

    public static Component random(String name, int words, Sharing s) {
        return new Component(name, words, s, Source.RANDOM);
    }

    /** A value known in full to party {@code owner} (its share) while the other party's share is zero. */
    public static Component ownedBy(int owner, String name, int words, Sharing s) {
        return switch (owner) {
            case 0 -> new Component(name, words, s, Source.OWNED_BY_0);
            case 1 -> new Component(name, words, s, Source.OWNED_BY_1);
            default -> throw new IllegalArgumentException("owner must be party 0 or 1, got " + owner);
        };
    }

    public static Component derived(String name, int words, Sharing s) {
        return new Component(name, words, s, Source.DERIVED);
    }
}
