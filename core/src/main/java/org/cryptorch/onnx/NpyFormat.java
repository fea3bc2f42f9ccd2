package org.cryptorch.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0), little-endian C-order arrays of
 * {@code <f4, <f8, <i8, <i4, |b1}. Anything else (Fortran order, other dtypes, big-endian) is refused with a
 * {@link ModelFormatException} saying what the file holds.
 */
final class NpyFormat {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;

    private NpyFormat() {
    }

    static Tensor read(ByteBuffer file) {
        ByteBuffer b = file.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < MAGIC.length + 2) {
            throw new ModelFormatException("npy: file of " + b.remaining() + " bytes is too short for the header");
        }
        for (byte m : MAGIC) {
            if (b.get() != m) {
                throw new ModelFormatException("npy: missing the \\x93NUMPY magic string; not a .npy file");
            }
        }
        int major = b.get() & 0xff;
        int minor = b.get() & 0xff;
        long headerLength;
        if (major == 1 && b.remaining() >= 2) {
            headerLength = b.getShort() & 0xffff;
        } else if ((major == 2 || major == 3) && b.remaining() >= 4) {
            headerLength = b.getInt() & 0xffffffffL;
        } else {
            throw new ModelFormatException("npy: format version " + major + "." + minor
                + (major <= 3 ? " header is truncated" : " is not supported (1.0, 2.0 and 3.0 are)"));
        }
        if (headerLength > b.remaining()) {
            throw new ModelFormatException("npy: header declares " + headerLength + " bytes but only "
                + b.remaining() + " follow");
        }
        byte[] headerBytes = new byte[(int) headerLength];
        b.get(headerBytes);
        Header h = Header.parse(new String(headerBytes, major == 3 ? StandardCharsets.UTF_8
            : StandardCharsets.ISO_8859_1));
        long needed = (long) h.shape.size() * h.type.byteWidth;
        if (b.remaining() != needed) {
            throw new ModelFormatException("npy: data has " + b.remaining() + " bytes but shape " + h.shape + " of '"
                + h.descr + "' needs " + needed);
        }
        return RawElements.decode(b.slice(), h.type, h.shape);
    }

    static void write(Tensor t, OutputStream out) throws IOException {
        OnnxDataType type = OnnxDataType.of(t.dtype());
        int[] dims = t.shape().dims();
        StringBuilder shape = new StringBuilder("(");
        for (int d : dims) {
            shape.append(d).append(", ");
        }
        if (dims.length > 1) {
            shape.setLength(shape.length() - 2); // "(2, 3)" but "(3,)" and "()"
        } else if (dims.length == 1) {
            shape.setLength(shape.length() - 1);
        }
        shape.append(')');
        String dict = "{'descr': '" + descr(type) + "', 'fortran_order': False, 'shape': " + shape + ", }";
        boolean v1 = dict.length() + 1 + MAGIC.length + 4 <= 0xffff;
        int prefix = MAGIC.length + 2 + (v1 ? 2 : 4);
        int padded = (prefix + dict.length() + 1 + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        String header = dict + " ".repeat(padded - prefix - dict.length() - 1) + "\n";
        ByteBuffer pre = ByteBuffer.allocate(prefix).order(ByteOrder.LITTLE_ENDIAN);
        pre.put(MAGIC).put((byte) (v1 ? 1 : 2)).put((byte) 0);
        if (v1) {
            pre.putShort((short) header.length());
        } else {
            pre.putInt(header.length());
        }
        out.write(pre.array());
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        out.write(RawElements.encode(t, type));
    }

    private static String descr(OnnxDataType type) {
        return switch (type) {
            case FLOAT -> "<f4";
            case DOUBLE -> "<f8";
            case INT64 -> "<i8";
            case INT32 -> "<i4";
            case BOOL -> "|b1";
            default -> throw new IllegalStateException("no npy descr for " + type);
        };
    }

    private static OnnxDataType typeOf(String descr) {
        return switch (descr) {
            case "<f4" -> OnnxDataType.FLOAT;
            case "<f8" -> OnnxDataType.DOUBLE;
            case "<i8" -> OnnxDataType.INT64;
            case "<i4" -> OnnxDataType.INT32;
            case "|b1" -> OnnxDataType.BOOL;
            default -> throw new ModelFormatException("npy: dtype '" + descr + "' is not supported; CrypTorch"
                + " reads little-endian '<f4', '<f8', '<i8', '<i4' and '|b1'");
        };
    }

    /** The header dictionary, e.g. {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}. */
    private record Header(String descr, OnnxDataType type, Shape shape) {
        static Header parse(String text) {
            HeaderScanner s = new HeaderScanner(text);
            String descr = null;
            Boolean fortran = null;
            int[] shape = null;
            s.expect('{');
            while (!s.tryConsume('}')) {
                String key = s.quoted();
                s.expect(':');
                switch (key) {
                    case "descr" -> descr = s.quoted();
                    case "fortran_order" -> fortran = s.bool();
                    case "shape" -> shape = s.tuple();
                    default -> throw new ModelFormatException("npy: unexpected header key '" + key + "'");
                }
                if (!s.tryConsume(',')) {
                    s.expect('}');
                    break;
                }
            }
            if (descr == null || fortran == null || shape == null) {
                throw new ModelFormatException("npy: header lacks one of 'descr', 'fortran_order', 'shape': " + text.trim());
            }
            if (fortran) {
                throw new ModelFormatException("npy: array is in Fortran order; CrypTorch reads C-order arrays"
                    + " (save with np.ascontiguousarray)");
            }
            return new Header(descr, typeOf(descr), checkedShape(shape));
        }

        private static Shape checkedShape(int[] dims) {
            long count = 1;
            for (int d : dims) {
                count *= d;
                if (count > Integer.MAX_VALUE) {
                    throw new ModelFormatException("npy: shape " + java.util.Arrays.toString(dims)
                        + " has more than 2^31-1 elements");
                }
            }
            return Shape.of(dims);
        }
    }

    /** A tokenizer for the tiny subset of Python literal syntax npy headers use. */
    private static final class HeaderScanner {
        private final String text;
        private int pos;

        HeaderScanner(String text) {
            this.text = text;
        }

        boolean tryConsume(char c) {
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!tryConsume(c)) {
                throw error("expected '" + c + "'");
            }
        }

        String quoted() {
            skipSpace();
            if (pos >= text.length() || text.charAt(pos) != '\'' && text.charAt(pos) != '"') {
                throw error("expected a quoted string");
            }
            char quote = text.charAt(pos++);
            int end = text.indexOf(quote, pos);
            if (end < 0) {
                throw error("unterminated string");
            }
            String s = text.substring(pos, end);
            pos = end + 1;
            return s;
        }

        boolean bool() {
            skipSpace();
            for (String word : new String[] {"True", "False"}) {
                if (text.startsWith(word, pos)) {
                    pos += word.length();
                    return word.equals("True");
                }
            }
            throw error("expected True or False");
        }

        int[] tuple() {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            while (!tryConsume(')')) {
                dims.add(integer());
                if (!tryConsume(',')) {
                    expect(')');
                    break;
                }
            }
            return dims.stream().mapToInt(Integer::intValue).toArray();
        }

        private int integer() {
            skipSpace();
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (start == pos || pos - start > 10) {
                throw error("expected a dimension");
            }
            long v = Long.parseLong(text.substring(start, pos));
            if (v > Integer.MAX_VALUE) {
                throw error("dimension " + v + " is too large");
            }
            return (int) v;
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private ModelFormatException error(String problem) {
            return new ModelFormatException("npy: bad header at character " + pos + ": " + problem + " in "
                + text.trim());
        }
    }
}
