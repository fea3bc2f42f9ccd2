package org.cryptorch.reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * ONNX Einsum by direct summation over every label combination: explicit ({@code ij,jk->ik}) and implicit
 * ({@code ij,jk}) outputs, repeated labels (diagonals) and ellipses with broadcasting.
 */
final class Einsum {
    private Einsum() {
    }

    static Tensor apply(Call c) {
        String equation = c.attr("equation", "").replace(" ", "");
        String[] sides = equation.split("->", -1);
        String[] terms = sides[0].split(",", -1);
        if (terms.length != c.inputs().size()) {
            throw c.error("equation '" + equation + "' has " + terms.length + " operands, node has "
                + c.inputs().size());
        }
        int ellipsisRank = 0;
        for (int i = 0; i < terms.length; i++) {
            ellipsisRank = Math.max(ellipsisRank, c.in(i).shape().rank() - terms[i].replace("...", "").length());
        }
        // the dims under an ellipsis get the labels 0, 1, ... aligned at the right
        String ellipsis = "0123456789".substring(0, ellipsisRank);
        List<String> operands = new ArrayList<>();
        Map<Character, Integer> sizes = new LinkedHashMap<>();
        for (int i = 0; i < terms.length; i++) {
            Shape s = c.in(i).shape();
            int own = s.rank() - terms[i].replace("...", "").length();
            String labels = terms[i].replace("...", ellipsis.substring(ellipsisRank - own));
            if (labels.length() != s.rank()) {
                throw c.error("term '" + terms[i] + "' does not match operand shape " + s);
            }
            for (int a = 0; a < labels.length(); a++) {
                int d = s.dim(a);
                Integer seen = sizes.get(labels.charAt(a));
                if (seen != null && seen != d && seen != 1 && d != 1) {
                    throw c.error("label '" + labels.charAt(a) + "' has sizes " + seen + " and " + d);
                }
                sizes.put(labels.charAt(a), seen == null || seen == 1 ? d : seen);
            }
            operands.add(labels);
        }
        String output = sides.length > 1 ? sides[1].replace("...", ellipsis) : implicitOutput(operands, ellipsis);
        return contract(c, operands, output, sizes);
    }

    /** Ellipsis dims, then the labels that occur exactly once, in alphabetical order. */
    private static String implicitOutput(List<String> operands, String ellipsis) {
        String all = String.join("", operands);
        StringBuilder out = new StringBuilder(ellipsis);
        all.chars().filter(Character::isLetter).distinct().sorted()
            .filter(ch -> all.indexOf(ch) == all.lastIndexOf(ch)).forEach(ch -> out.append((char) ch));
        return out.toString();
    }

    private static Tensor contract(Call c, List<String> operands, String output, Map<Character, Integer> sizes) {
        List<Character> labels = new ArrayList<>();
        output.chars().forEach(ch -> labels.add((char) ch));
        sizes.keySet().stream().filter(ch -> output.indexOf(ch) < 0).forEach(labels::add);
        int n = labels.size();
        int[] dims = new int[n];
        for (int i = 0; i < n; i++) {
            dims[i] = sizes.get(labels.get(i));
        }
        // per operand, the stride that each label contributes (0 for absent or broadcast labels)
        int[][] strides = new int[operands.size()][n];
        double[][] data = new double[operands.size()][];
        for (int o = 0; o < operands.size(); o++) {
            FloatTensor t = ElementwiseOps.toFloat(c.in(o));
            data[o] = t.data();
            int[] s = t.shape().strides();
            String term = operands.get(o);
            for (int a = 0; a < term.length(); a++) {
                if (t.shape().dim(a) != 1) {
                    strides[o][labels.indexOf(term.charAt(a))] += s[a];
                }
            }
        }
        int outRank = output.length();
        Shape outShape = Shape.of(java.util.Arrays.copyOf(dims, outRank));
        int summed = Shape.of(java.util.Arrays.copyOfRange(dims, outRank, n)).size();
        double[] out = new double[outShape.size()];
        int[] idx = new int[n];
        for (int k = 0; k < out.length * summed; k++) {
            WindowTable.unflatten(k, dims, idx);
            double product = 1;
            for (int o = 0; o < data.length; o++) {
                int flat = 0;
                for (int a = 0; a < n; a++) {
                    flat += idx[a] * strides[o][a];
                }
                product *= data[o][flat];
            }
            out[k / summed] += product;
        }
        return new FloatTensor(outShape, out, ElementwiseOps.toFloat(c.in(0)).dtype());
    }
}
