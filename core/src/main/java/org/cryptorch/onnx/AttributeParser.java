package org.cryptorch.onnx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.cryptorch.ir.Attribute;
import org.cryptorch.tensor.Tensor;

/**
 * Reads one {@code AttributeProto}. The kind comes from the {@code type} field, or, in old files without it, from
 * the value field present. Graph-valued attributes (bodies of If/Loop/Scan) get a clear "not supported" error.
 */
final class AttributeParser implements WireReader.FieldHandler {
    // AttributeProto.AttributeType codes
    private static final int FLOAT = 1;
    private static final int INT = 2;
    private static final int STRING = 3;
    private static final int TENSOR = 4;
    private static final int FLOATS = 6;
    private static final int INTS = 7;
    private static final int STRINGS = 8;

    private final WireReader r;
    private String name = "";
    private int type;
    private Double f;
    private Long i;
    private String s;
    private Tensor t;
    private final DoubleList floats = new DoubleList();
    private final LongList ints = new LongList();
    private final List<String> strings = new ArrayList<>();

    private AttributeParser(WireReader r) {
        this.r = r;
    }

    static Attribute read(WireReader r, String label, int wireType) throws IOException {
        AttributeParser p = new AttributeParser(r);
        return r.readNested(label, wireType, () -> {
            r.readFields(p);
            return p.build();
        });
    }

    @Override
    public void field(int number, int wireType) throws IOException {
        switch (number) {
            case 1 -> {
                name = r.readString("name", wireType);
                r.nameCurrent(name);
            }
            case 2 -> f = (double) r.readFloat("f", wireType);
            case 3 -> i = r.readVarint("i", wireType);
            case 4 -> s = r.readString("s", wireType);
            case 5 -> t = r.readNested("AttributeProto.t", wireType, () -> TensorProtoReader.read(r).tensor());
            case 6, 11 -> throw r.fail("graph-valued attributes (bodies of If/Loop/Scan) are not supported");
            case 7 -> r.readFixeds("floats", wireType, 4, floats);
            case 8 -> r.readVarints("ints", wireType, ints);
            case 9 -> strings.add(r.readString("strings[" + strings.size() + "]", wireType));
            case 10 -> throw r.fail("tensor-list attributes are not supported");
            case 14, 15 -> throw r.fail("type-valued attributes are not supported");
            case 20 -> type = r.readInt32("type", wireType);
            case 22, 23 -> throw r.fail("sparse-tensor attributes are not supported");
            default -> r.skip(number, wireType);
        }
    }

    private Attribute build() {
        if (name.isEmpty()) {
            throw r.fail("attribute has no name");
        }
        int kind = type != 0 ? type : inferredType();
        return switch (kind) {
            case FLOAT -> Attribute.of(name, f == null ? 0.0 : f);
            case INT -> Attribute.of(name, i == null ? 0L : i);
            case STRING -> Attribute.of(name, s == null ? "" : s);
            case TENSOR -> {
                if (t == null) {
                    throw r.fail("attribute of type TENSOR has no tensor (field t)");
                }
                yield Attribute.of(name, t);
            }
            case FLOATS -> Attribute.ofFloats(name, floats.toArray());
            case INTS -> Attribute.ofInts(name, ints.toArray());
            case STRINGS -> Attribute.ofStrings(name, strings);
            default -> throw r.fail("attribute type " + kind + " is not supported");
        };
    }

    private int inferredType() {
        if (f != null) {
            return FLOAT;
        } else if (i != null) {
            return INT;
        } else if (s != null) {
            return STRING;
        } else if (t != null) {
            return TENSOR;
        } else if (floats.size() > 0) {
            return FLOATS;
        } else if (ints.size() > 0) {
            return INTS;
        } else if (!strings.isEmpty()) {
            return STRINGS;
        }
        throw r.fail("attribute has neither a type nor a value");
    }
}
