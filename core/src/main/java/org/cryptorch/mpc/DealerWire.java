package org.cryptorch.mpc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cryptorch.net.Channel;
import org.cryptorch.net.ProtocolException;

/**
 * The messages between party 1 and the remote dealer. A request is one byte frame listing recipe specs (an empty list
 * ends the session). The dealer answers with a status byte frame (empty means accepted, otherwise the reason for the
 * refusal in UTF-8) and then, for each recipe in order, one ring frame per derived component. Statuses and frame
 * headers carry no payload bytes when all is well, so the offline bytes counted are exactly the corrections.
 */
final class DealerWire {
    /** Traffic label of everything that passes between a party and the dealer. */
    static final String LABEL = "dealer";

    private DealerWire() {
    }

    static byte[] encode(List<RecipeSpec> specs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(specs.size());
            for (RecipeSpec s : specs) {
                out.writeUTF(s.name());
                out.writeInt(s.params().length);
                for (int p : s.params()) {
                    out.writeInt(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<RecipeSpec> decode(byte[] frame, String from) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame))) {
            int n = in.readInt();
            checkCount(n, frame.length / 6, "recipe count", from);
            List<RecipeSpec> specs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                int k = in.readInt();
                checkCount(k, in.available() / 4, "parameter count of recipe '" + name + "'", from);
                int[] params = new int[k];
                for (int j = 0; j < k; j++) {
                    params[j] = in.readInt();
                }
                specs.add(new RecipeSpec(name, params));
            }
            if (in.available() != 0) {
                throw new ProtocolException("malformed recipe request from " + from + ": " + in.available()
                    + " trailing bytes");
            }
            return specs;
        } catch (IOException e) {
            throw new ProtocolException("malformed recipe request from " + from + ": truncated frame of "
                + frame.length + " bytes", e);
        }
    }

    private static void checkCount(int n, int max, String what, String from) {
        if (n < 0 || n > max) {
            throw new ProtocolException("malformed recipe request from " + from + ": " + what + " " + n);
        }
    }

    static byte[] refusal(String reason) {
        return reason.getBytes(StandardCharsets.UTF_8);
    }

    /** Throws if the dealer's status frame is a refusal. */
    static void expectAccepted(Channel dealer) {
        byte[] status = dealer.receiveBytes();
        if (status.length != 0) {
            throw new ProtocolException("dealer refused the request: " + new String(status, StandardCharsets.UTF_8));
        }
    }

    /** Words of the component shares the dealer sends for one instance of {@code r}, one entry per derived one. */
    static int[] correctionSizes(Recipe r) {
        return r.components().stream().filter(c -> c.source() == Component.Source.DERIVED)
            .mapToInt(Component::words).toArray();
    }
}
