package org.cryptorch.tune;

/**
 * Moving one decision to a cheaper candidate: the predicted seconds it saves, the metric loss it adds (measured
 * with the decision alone, above what its current candidate already lost) and their ratio.
 */
record Move(int decision, int candidate, double saving, double addedLoss, double score) {
}
