package org.cryptorch.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.cryptorch.ir.Value;
import org.cryptorch.onnx.OnnxReader;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.tensor.FloatTensor;

/** The bundled demo model (MLP 784-64-32-10 on Fashion-MNIST) and its first samples, as files in a directory. */
public final class DemoFiles {
    private DemoFiles() {
    }

    /** Writes {@code dir/model.onnx} and {@code dir/x.npy} with the first {@code samples} demo samples. */
    public static void write(Path dir, int samples) {
        try (InputStream model = DemoFiles.class.getResourceAsStream("/org/cryptorch/demo/model.onnx");
             InputStream inputs = DemoFiles.class.getResourceAsStream("/org/cryptorch/demo/inputs.npy")) {
            Files.copy(model, dir.resolve("model.onnx"));
            Path all = dir.resolve("all.npy");
            Files.copy(inputs, all);
            FloatTensor x = (FloatTensor) TensorFiles.read(all);
            TensorFiles.write(dir.resolve("x.npy"), x.slice(0, 0, samples, 1));
            Files.delete(all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code model} (the demo model's bytes) with its ReLUs turned into Tanh: another graph with the same shapes
     * (the op_type field, tag 0x22 and length 4, is rewritten in place).
     */
    public static byte[] reluToTanh(byte[] model) {
        return reluTo(model, "Tanh");
    }

    /** {@code model} (the demo model's bytes) with its ReLUs turned into {@code op}, a name of four letters. */
    public static byte[] reluTo(byte[] model, String op) {
        byte[] from = {0x22, 4, 'R', 'e', 'l', 'u'};
        byte[] to = (new String(new char[] {0x22, 4}) + op).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (to.length != from.length) {
            throw new IllegalArgumentException("op " + op + " is not four letters long");
        }
        byte[] out = model.clone();
        int found = 0;
        for (int i = 0; i + from.length <= out.length; i++) {
            if (Arrays.equals(out, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, out, i, from.length);
                found++;
            }
        }
        if (found == 0) {
            throw new IllegalArgumentException("no ReLU in the model");
        }
        return out;
    }

    /**
     * {@code model} with the first value of its float initializer {@code name} set to {@code value} (found by the
     * little-endian bytes of the whole tensor, which must occur once).
     */
    public static byte[] withFirstValueOf(String name, byte[] model, float value) {
        Value v = OnnxReader.read(model).nodes().stream().flatMap(n -> n.inputs().stream())
            .filter(x -> x != null && x.name().equals(name)).findFirst().orElseThrow();
        double[] data = ((FloatTensor) v.constant()).data();
        ByteBuffer stored = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : data) {
            stored.putFloat((float) d);
        }
        int at = indexOf(model, stored.array());
        byte[] out = model.clone();
        ByteBuffer.wrap(out, at, 4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
        return out;
    }

    /** {@code model} (the demo model, opset 14 stored last as field 8 {version}) declaring opset {@code version}. */
    public static byte[] withOpset(byte[] model, int version) {
        byte[] tail = {0x42, 0x02, 0x10, 0x0e};
        int at = indexOf(model, tail);
        if (at != model.length - tail.length || version > 127) {
            throw new IllegalArgumentException("not the demo model's opset import");
        }
        byte[] out = model.clone();
        out[out.length - 1] = (byte) version;
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("pattern not found");
    }
}
