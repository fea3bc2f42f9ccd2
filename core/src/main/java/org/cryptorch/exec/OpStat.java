package org.cryptorch.exec;

/**
 * Measured cost of one executed step: {@code op} as in {@link org.cryptorch.compile.Instruction#op}, {@code site}
 * the graph node(s) it comes from (comma-separated for a fused step), rounds and bytes sent by this party.
 */
public record OpStat(String op, String site, long rounds, long bytes, double seconds) {
}
