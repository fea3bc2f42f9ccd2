package org.cryptorch.ir;

import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * An edge of the graph: a named tensor produced by one node (or a graph input or a constant) and used by others.
 * The shape is null until shape inference ran; a constant value carries its data.
 */
public final class Value {
    private String name;
    private DType dtype;
    private Shape shape;
    private Tensor constant;
    private int[] declaredDims;
    Node producer;

    Value(String name, DType dtype, Shape shape, Tensor constant) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape;
        this.constant = constant;
    }

    public String name() {
        return name;
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public DType dtype() {
        return dtype;
    }

    public Shape shape() {
        return shape;
    }

    /** Sets type and shape (shape inference and the importer do this). */
    public void setType(DType dtype, Shape shape) {
        this.dtype = dtype;
        this.shape = shape;
    }

    /**
     * Dimensions as the model file declares them, with -1 for a symbolic dimension (such as a dynamic batch), or
     * null when the file gives none. Shape inference uses them to check the shapes a user supplies.
     */
    public int[] declaredDims() {
        return declaredDims == null ? null : declaredDims.clone();
    }

    public void setDeclaredDims(int[] dims) {
        this.declaredDims = dims == null ? null : dims.clone();
    }

    /** The node that produces this value, or null for graph inputs and constants. */
    public Node producer() {
        return producer;
    }

    public boolean isConstant() {
        return constant != null;
    }

    /** Constant data (initializers and folded values), or null. */
    public Tensor constant() {
        return constant;
    }

    @Override
    public String toString() {
        return name + (shape == null ? "" : ":" + dtype + shape);
    }
}
