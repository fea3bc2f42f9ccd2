package org.cryptorch.ir;

import java.util.List;
import org.cryptorch.tensor.Tensor;

/** A node attribute, as in ONNX: one float, int, string or tensor, or a list of floats, ints or strings. */
public record Attribute(String name, Kind kind, Object value) {
    public enum Kind { FLOAT, INT, STRING, TENSOR, FLOATS, INTS, STRINGS }

    public static Attribute of(String name, double v) {
        return new Attribute(name, Kind.FLOAT, v);
    }

    public static Attribute of(String name, long v) {
        return new Attribute(name, Kind.INT, v);
    }

    public static Attribute of(String name, String v) {
        return new Attribute(name, Kind.STRING, v);
    }

    public static Attribute of(String name, Tensor v) {
        return new Attribute(name, Kind.TENSOR, v);
    }

    public static Attribute ofFloats(String name, double... v) {
        return new Attribute(name, Kind.FLOATS, v.clone());
    }

    public static Attribute ofInts(String name, long... v) {
        return new Attribute(name, Kind.INTS, v.clone());
    }

    public static Attribute ofStrings(String name, List<String> v) {
        return new Attribute(name, Kind.STRINGS, List.copyOf(v));
    }

    public double asFloat() {
        return kind == Kind.INT ? ((Long) value).doubleValue() : (Double) expect(Kind.FLOAT);
    }

    public long asInt() {
        return (Long) expect(Kind.INT);
    }

    public String asString() {
        return (String) expect(Kind.STRING);
    }

    public Tensor asTensor() {
        return (Tensor) expect(Kind.TENSOR);
    }

    public double[] asFloats() {
        return ((double[]) expect(Kind.FLOATS)).clone();
    }

    public long[] asInts() {
        return ((long[]) expect(Kind.INTS)).clone();
    }

    @SuppressWarnings("unchecked")
    public List<String> asStrings() {
        return (List<String>) expect(Kind.STRINGS);
    }

    private Object expect(Kind k) {
        if (kind != k) {
            throw new IllegalArgumentException("attribute '" + name + "' is " + kind + ", expected " + k);
        }
        return value;
    }
}
