package org.cryptorch.compile;

import java.util.List;
import org.cryptorch.ir.Node;
import org.cryptorch.mpc.Convolution;
import org.cryptorch.mpc.Protocol;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * One instruction of a {@link Program}: the MPC instruction set on secret values held in numbered slots. Public
 * operands are embedded, already encoded at the scale the instruction needs. {@code site} is the graph node the
 * instruction comes from (an approximation's primitives keep the name of the site they replace), so statistics and
 * costs can be attributed to plan sites.
 *
 * <p>The kinds are sealed, so that every switch over them (the interpreter's, the costs') names each kind and a new
 * one fails to compile until all handle it: the program's boundary ({@link Input}, {@link Weight}, {@link Output}),
 * {@link Local} instructions, which act on shares as on plain values, and {@link Call}s of a two-party protocol,
 * which the interpreter, the backends and the costs handle alike for every protocol.
 */
public sealed interface Instruction permits Instruction.Input, Instruction.Weight, Instruction.Output,
    Instruction.Call, Instruction.Local {
    /** The slot written, or -1 (outputs). */
    int out();

    /** The secret slots read. */
    List<Integer> ins();

    String site();

    /** Short op name for statistics ({@code mul}, {@code ltz}, ...). */
    String op();

    /** True when the instruction exchanges messages with the other party. */
    default boolean communicates() {
        return false;
    }

    /** An instruction that runs on each party's shares alone, as on plain values (the interpreter runs it). */
    sealed interface Local extends Instruction permits SharePublic, Add, Sub, Neg, AddPublic, MulPublic, MatMulPublic,
        ConvPublic, ReduceSum, Move, Reshape {
    }

    /**
     * A graph input supplied by {@code owner}, encoded at {@code scale}. With {@code oneHotDepth > 0} the input
     * holds integer indices and the owner supplies their one-hot encoding (last axis of that depth, scale 0), which
     * turns a gather with secret indices into a product.
     */
    record Input(int out, String name, int owner, Shape shape, int scale, int oneHotDepth, String site)
        implements Instruction {
        public List<Integer> ins() {
            return List.of();
        }

        public String op() {
            return "input";
        }

        public boolean communicates() {
            return true;
        }
    }

    /**
     * Secret weights of {@code owner}, shared once at setup (before any input). {@code value} is null in a program
     * for the other party, which needs only the weight's shape ({@link Program#withoutWeightValues}).
     */
    record Weight(int out, String name, int owner, FloatTensor value, int scale, String site) implements Instruction {
        /** This weight with its value left out. */
        public Weight withoutValue() {
            return new Weight(out, name, owner, null, scale, site);
        }

        public List<Integer> ins() {
            return List.of();
        }

        public String op() {
            return "weight";
        }

        public boolean communicates() {
            return true;
        }
    }

    /** A public (already encoded) tensor as a trivial sharing: party 0 holds it, party 1 holds zeros. */
    record SharePublic(int out, LongTensor value, String site) implements Local {
        public List<Integer> ins() {
            return List.of();
        }

        public String op() {
            return "public";
        }
    }

    record Add(int out, int a, int b, String site) implements Local {
        public List<Integer> ins() {
            return List.of(a, b);
        }

        public String op() {
            return "add";
        }
    }

    record Sub(int out, int a, int b, String site) implements Local {
        public List<Integer> ins() {
            return List.of(a, b);
        }

        public String op() {
            return "sub";
        }
    }

    record Neg(int out, int a, String site) implements Local {
        public List<Integer> ins() {
            return List.of(a);
        }

        public String op() {
            return "neg";
        }
    }

    /** a + c (broadcasting), c encoded at a's scale. */
    record AddPublic(int out, int a, LongTensor c, String site) implements Local {
        public List<Integer> ins() {
            return List.of(a);
        }

        public String op() {
            return "add_public";
        }
    }

    /** Element-wise a * c (broadcasting), a ring product: scales add. */
    record MulPublic(int out, int a, LongTensor c, String site) implements Local {
        public List<Integer> ins() {
            return List.of(a);
        }

        public String op() {
            return "mul_public";
        }
    }

    /** a @ c ({@code publicLeft}: c @ a), a ring product: scales add. */
    record MatMulPublic(int out, int a, LongTensor c, boolean publicLeft, String site) implements Local {
        public List<Integer> ins() {
            return List.of(a);
        }

        public String op() {
            return "matmul_public";
        }
    }

    /** Convolution of secret x with public weights w (the geometry of the secret one): scales add. */
    record ConvPublic(int out, int x, LongTensor w, Convolution params, String site) implements Local {
        public List<Integer> ins() {
            return List.of(x);
        }

        public String op() {
            return "conv_public";
        }
    }

    record ReduceSum(int out, int a, int[] axes, boolean keepDims, String site) implements Local {
        public List<Integer> ins() {
            return List.of(a);
        }

        public String op() {
            return "reduce_sum";
        }
    }

    /**
     * Data movement applied to shares as to plain tensors: {@code node} evaluated by the reference kernels (with
     * the semantics of {@code opset}) on the slot of each node input, or where the slot is -1 on the public tensor
     * in {@code constants} (shapes, indices, pads).
     */
    record Move(int out, List<Integer> slots, List<Tensor> constants, Node node, int opset, String site)
        implements Local {
        public List<Integer> ins() {
            return slots.stream().filter(s -> s >= 0).toList();
        }

        public String op() {
            return node.opType().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** a broadcast (numpy rules) to {@code shape}, or reshaped to it when {@code reshape}. */
    record Reshape(int out, int a, Shape shape, boolean reshape, String site) implements Local {
        public List<Integer> ins() {
            return List.of(a);
        }

        public String op() {
            return reshape ? "reshape" : "broadcast";
        }
    }

    /**
     * A call of a two-party protocol ({@link Protocol}: its run, cost and correlations) on the secret slots
     * {@code ins}, its operands in the protocol's order, writing {@code out}. Calls of one communication layer whose
     * protocols share a {@link Protocol#fusionKey} run as one call.
     */
    record Call(int out, List<Integer> ins, Protocol protocol, String site) implements Instruction {
        public Call {
            ins = List.copyOf(ins);
        }

        public String op() {
            return protocol.name();
        }

        public boolean communicates() {
            return protocol.communicates();
        }
    }

    /** Opens slot a to {@code receiver}, who decodes it at {@code scale} as graph output {@code name}. */
    record Output(int a, String name, int receiver, int scale, String site) implements Instruction {
        public int out() {
            return -1;
        }

        public List<Integer> ins() {
            return List.of(a);
        }

        public String op() {
            return "output";
        }

        public boolean communicates() {
            return true;
        }
    }
}
