package org.cryptorch.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * What the parties tell each other of a query before it runs: the shapes of the secret inputs each supplies (shapes
 * are public) and the values of the public inputs, which the driving party (the default input owner) supplies; never
 * a secret input's values. Each party knows from the agreed ownership which inputs the other announces, in the
 * model's order.
 */
final class InputAnnouncement {
    private final Model model;
    private final RunOptions options;

    /** The shapes of every input (public ones too) and the values of the public inputs, by name. */
    record Inputs(Map<String, Shape> shapes, Map<String, Tensor> publicValues) {
        Inputs() {
            this(new LinkedHashMap<>(), new LinkedHashMap<>());
        }
    }

    InputAnnouncement(Model model, RunOptions options) {
        this.model = model;
        this.options = options;
    }

    /** The inputs {@code party} supplies, in the model's order: the secret ones it owns, public ones if it drives. */
    List<String> suppliedBy(int party) {
        return model.inputNames().stream().filter(n -> options.publicInputs().contains(n)
            ? party == options.owners().defaultInputOwner() : options.owners().ownerOfInput(n) == party).toList();
    }

    /** The secret inputs among {@code supplied}, which the party shares rather than announces. */
    Map<String, Tensor> secretOnly(Map<String, ? extends Tensor> supplied) {
        Map<String, Tensor> out = new LinkedHashMap<>(supplied);
        out.keySet().removeAll(options.publicInputs());
        return out;
    }

    /**
     * The words announcing {@code supplied} (exactly the inputs {@code party} supplies): per input its rank and dims,
     * and for a public input its values (real ones as IEEE bits); {@code into} takes the same as {@link #receive}
     * would.
     */
    long[] announce(int party, Map<String, ? extends Tensor> supplied, Inputs into) {
        List<String> names = suppliedBy(party);
        if (!supplied.keySet().equals(new HashSet<>(names))) {
            throw new IllegalArgumentException("party" + party + " supplies the inputs " + names + " of "
                + model.name() + ", was given " + supplied.keySet());
        }
        List<long[]> parts = new ArrayList<>();
        for (String name : names) {
            Tensor t = supplied.get(name);
            int[] dims = t.shape().dims();
            parts.add(new long[] {dims.length});
            parts.add(Arrays.stream(dims).asLongStream().toArray());
            into.shapes().put(name, t.shape());
            if (options.publicInputs().contains(name)) {
                parts.add(switch (t) {
                    case LongTensor l -> l.data();
                    case FloatTensor f -> Arrays.stream(f.data()).mapToLong(Double::doubleToRawLongBits).toArray();
                });
                into.publicValues().put(name, t);
            }
        }
        return parts.stream().flatMapToLong(Arrays::stream).toArray();
    }

    /** Reads {@code party}'s announcement ({@link #announce}) into {@code into}. */
    void receive(int party, long[] words, Inputs into) {
        try {
            read(party, words, into);
        } catch (IndexOutOfBoundsException | ArithmeticException e) {
            throw new IllegalArgumentException("party" + party + " announced other inputs than "
                + suppliedBy(party), e);
        }
    }

    private void read(int party, long[] words, Inputs into) {
        int k = 0;
        for (String name : suppliedBy(party)) {
            int rank = Math.toIntExact(words[k++]);
            Shape shape = Shape.of(Arrays.stream(words, k, k + rank).mapToInt(Math::toIntExact).toArray());
            k += rank;
            into.shapes().put(name, shape);
            if (options.publicInputs().contains(name)) {
                long[] values = Arrays.copyOfRange(words, k, k + shape.size());
                k += shape.size();
                Model.Input in = model.inputs().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
                into.publicValues().put(name, in.type().isFloat()
                    ? new FloatTensor(shape, Arrays.stream(values).mapToDouble(Double::longBitsToDouble).toArray(),
                        in.type())
                    : new LongTensor(shape, values, in.type()));
            }
        }
        if (k != words.length) {
            throw new IllegalArgumentException("party" + party + " announced other inputs than " + suppliedBy(party));
        }
    }
}
