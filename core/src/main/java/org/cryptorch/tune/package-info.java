/**
 * The auto-tuner: a network-aware cost model ({@link org.cryptorch.tune.CostModel},
 * {@link org.cryptorch.tune.NetworkProfile}, {@link org.cryptorch.tune.ComputeCalibration}), an abstract search
 * space of approximation choices per site ({@link org.cryptorch.tune.SearchSpace}), search strategies (the paper's
 * {@link org.cryptorch.tune.GreedyBinarySearch} and our {@link org.cryptorch.tune.CostBenefitSearch}) and the
 * report they produce ({@link org.cryptorch.tune.TuneReport}, charts, HTML and plan JSON).
 */
package org.cryptorch.tune;
