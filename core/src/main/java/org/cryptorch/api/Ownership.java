package org.cryptorch.api;

/**
 * Who supplies what: the party that owns the input, the party that owns the weights (or nobody: public weights
 * both parties hold in the clear), and the party that receives the output.
 *
 * @param weightsOwner 0 or 1, or {@link #PUBLIC}
 */
public record Ownership(int inputOwner, int weightsOwner, int outputOwner) {
    public static final int PUBLIC = -1;
    public static final Ownership DEFAULT = new Ownership(0, 1, 0);

    public Ownership {
        party(inputOwner, "input owner");
        party(outputOwner, "output owner");
        if (weightsOwner != PUBLIC) {
            party(weightsOwner, "weights owner");
            if (weightsOwner == inputOwner) {
                throw new IllegalArgumentException("the weights owner must be the other party than the input owner "
                    + "(party " + inputOwner + ") or public");
            }
        }
    }

    /** Parses {@code 0}, {@code 1} or {@code public}. */
    public static int parseWeightsOwner(String text) {
        return switch (text) {
            case "public" -> PUBLIC;
            case "0" -> 0;
            case "1" -> 1;
            default -> throw new IllegalArgumentException("weights owner must be 0, 1 or public, got '" + text + "'");
        };
    }

    public String weightsOwnerText() {
        return weightsOwner == PUBLIC ? "public" : String.valueOf(weightsOwner);
    }

    private static void party(int id, String what) {
        if (id != 0 && id != 1) {
            throw new IllegalArgumentException(what + " must be party 0 or 1, got " + id);
        }
    }
}
