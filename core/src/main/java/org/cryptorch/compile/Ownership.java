package org.cryptorch.compile;

import java.util.Map;

/**
 * Who holds what: the party that supplies each graph input, whether the weights are party 1's secret (shared once
 * at setup) or public to both, and the party that receives each output. Inputs and outputs not named take the
 * defaults.
 *
 * @param weightOwner 0 or 1 for secret weights held by that party, or {@link #PUBLIC}
 */
public record Ownership(int defaultInputOwner, Map<String, Integer> inputOwners, int weightOwner,
                        int defaultOutputReceiver, Map<String, Integer> outputReceivers) {
    /** {@link #weightOwner} value for weights known to both parties (products with them are local). */
    public static final int PUBLIC = -1;

    public Ownership {
        checkParty("input owner", defaultInputOwner);
        checkParty("output receiver", defaultOutputReceiver);
        if (weightOwner != PUBLIC) {
            checkParty("weight owner", weightOwner);
        }
        inputOwners = Map.copyOf(inputOwners);
        outputReceivers = Map.copyOf(outputReceivers);
        inputOwners.forEach((k, v) -> checkParty("owner of input '" + k + "'", v));
        outputReceivers.forEach((k, v) -> checkParty("receiver of output '" + k + "'", v));
    }

    /** Party 0 supplies the inputs and receives the outputs; party 1 owns the weights (the CLI defaults). */
    public static Ownership defaults() {
        return of(0, 1, 0);
    }

    /** All inputs from {@code inputOwner}, weights of {@code weightOwner} (or {@link #PUBLIC}), all outputs to one. */
    public static Ownership of(int inputOwner, int weightOwner, int outputReceiver) {
        return new Ownership(inputOwner, Map.of(), weightOwner, outputReceiver, Map.of());
    }

    public int ownerOfInput(String name) {
        return inputOwners.getOrDefault(name, defaultInputOwner);
    }

    public int receiverOfOutput(String name) {
        return outputReceivers.getOrDefault(name, defaultOutputReceiver);
    }

    public boolean weightsPublic() {
        return weightOwner == PUBLIC;
    }

    private static void checkParty(String role, int p) {
        if (p != 0 && p != 1) {
            throw new IllegalArgumentException(role + " must be party 0 or 1, got " + p);
        }
    }
}
