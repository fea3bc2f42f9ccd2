/**
 * The compiler: a canonical graph and a {@link org.cryptorch.compile.Plan} of approximations become a fixed-point
 * two-party {@link org.cryptorch.compile.Program} ({@link org.cryptorch.compile.Compiler} is the entry point).
 */
package org.cryptorch.compile;
