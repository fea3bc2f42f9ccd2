/**
 * Execution of compiled programs: the {@link org.cryptorch.exec.Interpreter} over a
 * {@link org.cryptorch.exec.Backend}, either the one-process fixed-point simulator
 * ({@link org.cryptorch.exec.PlainBackend}) or one real party ({@link org.cryptorch.exec.MpcBackend}).
 */
package org.cryptorch.exec;
