/**
 * Approximations of non-linear ops as small programs of MPC primitives ({@link org.cryptorch.approx.Primitives}),
 * with typed knobs, a registry ({@link org.cryptorch.approx.Approximations}) and profiles of default choices.
 */
package org.cryptorch.approx;
