/**
 * The graph IR: {@link org.cryptorch.ir.Graph} (also the builder), {@link org.cryptorch.ir.Node},
 * {@link org.cryptorch.ir.Value}, {@link org.cryptorch.ir.Attribute}; {@link org.cryptorch.ir.OpTable}, the facts
 * of every op (shape rule, MPC class) that shape inference and the compiler read; static shapes by
 * {@link org.cryptorch.ir.ShapeInference}, which evaluates shape-defining constants through a
 * {@link org.cryptorch.ir.NodeEvaluator} (the float reference provides one, keeping kernels out of this package);
 * {@link org.cryptorch.ir.SpatialWindow} for the window geometry of Conv and pooling; and
 * {@link org.cryptorch.ir.GraphPrinter} for text output.
 */
package org.cryptorch.ir;
