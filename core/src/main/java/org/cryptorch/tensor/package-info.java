/**
 * Dense row-major tensors: {@link org.cryptorch.tensor.LongTensor} (ring Z_2^64 and ONNX integer/bool data) and
 * {@link org.cryptorch.tensor.FloatTensor} (doubles), with numpy semantics for shapes, broadcasting, slicing and
 * matmul, and {@link org.cryptorch.tensor.FixedPoint} encoding between them.
 *
 * <p>Layout of the code: {@link org.cryptorch.tensor.DenseTensor} holds everything both types share. Data movement
 * (permute, slice, pad, gather, broadcast, im2col) is computed once as an {@code IndexMap} from shapes and applied to
 * either array type; matrix products go through a {@code MatmulPlan}/{@code Conv2dPlan} that lists the products and
 * a {@code MatmulBatch} that spreads them over a small shared thread pool ({@code Parallel}, size = cores or the
 * system property {@code cryptorch.tensor.threads}). The ring kernel {@code LongMatmul} is a register-blocked
 * {@code jdk.incubator.vector} kernel with a scalar reference used by the tests; element-wise ring kernels are in
 * {@code LongKernels}.
 */
package org.cryptorch.tensor;
