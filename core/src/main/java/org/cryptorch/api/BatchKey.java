package org.cryptorch.api;

import java.util.Arrays;
import java.util.Map;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * What a program is compiled for: the shapes of one batch of the secret inputs, by name, and the values of the public
 * inputs (constants of the program: each distinct value is a program of its own). Equal by shapes and values.
 */
record BatchKey(Map<String, Shape> shapes, Map<String, Tensor> publicInputs) {
    BatchKey {
        shapes = Map.copyOf(shapes);
        publicInputs = Map.copyOf(publicInputs);
    }

    /** {@code model} with this batch's public inputs bound to their values. */
    Model bind(Model model) {
        return model.withPublicInputs(publicInputs);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BatchKey k) || !shapes.equals(k.shapes) || !publicInputs.keySet().equals(
            k.publicInputs.keySet())) {
            return false;
        }
        return publicInputs.entrySet().stream().allMatch(e -> sameValues(e.getValue(), k.publicInputs.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        int h = shapes.hashCode();
        for (Map.Entry<String, Tensor> e : publicInputs.entrySet()) {
            h += e.getKey().hashCode() ^ valuesHash(e.getValue());
        }
        return h;
    }

    private static boolean sameValues(Tensor a, Tensor b) {
        if (!a.shape().equals(b.shape()) || a.dtype() != b.dtype()) {
            return false;
        }
        return switch (a) {
            case FloatTensor f -> Arrays.equals(f.data(), ((FloatTensor) b).data());
            case LongTensor l -> Arrays.equals(l.data(), ((LongTensor) b).data());
        };
    }

    private static int valuesHash(Tensor t) {
        return switch (t) {
            case FloatTensor f -> Arrays.hashCode(f.data());
            case LongTensor l -> Arrays.hashCode(l.data());
        };
    }
}
