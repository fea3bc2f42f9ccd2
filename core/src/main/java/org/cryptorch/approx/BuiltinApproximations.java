package org.cryptorch.approx;

/** The built-in library: one registration line per approximation. */
final class BuiltinApproximations {
    private BuiltinApproximations() {
    }

    static void registerAll() {
    }
}
