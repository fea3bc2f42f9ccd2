/**
 * The float reference interpreter: ONNX semantics in doubles, the accuracy reference of the project.
 *
 * <p>{@link org.cryptorch.reference.Ops} is the registry of kernels (op type to kernel, one small class per op
 * family); {@link org.cryptorch.reference.Ops#evaluate(org.cryptorch.ir.Node, java.util.List, int)} evaluates one
 * node, which constant folding and shape inference use, and {@link org.cryptorch.reference.FloatInterpreter} runs
 * a whole graph. Semantics follow the graph's opset from 10 to 17: attributes that later opsets moved to inputs
 * (axes of Squeeze/Unsqueeze/Split/Reduce*, Slice bounds, Pad pads, Clip bounds) are read from either place, and
 * Softmax, LogSoftmax and Hardmax before opset 13 normalise over the input coerced to 2-D at {@code axis}.
 *
 * <p>Besides ONNX ops the registry knows our fused ops {@code Silu} (x * sigmoid(x)) and {@code MaskedSoftmax}
 * (inputs X and a boolean Keep broadcastable to X; softmax over {@code axis} among kept entries, masked entries
 * exactly 0, a fully masked row all zeros).
 *
 * <p>Arithmetic and data movement come from {@code org.cryptorch.tensor}; kernels here add only what is specific
 * to ONNX (Gemm transposes, window geometry of pooling, ConvTranspose and 3-D Conv, Resize coordinate modes,
 * scatter/gather index rules).
 */
package org.cryptorch.reference;
