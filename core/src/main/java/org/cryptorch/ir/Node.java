package org.cryptorch.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One operation: an ONNX op type (or a fused/primitive op of our own), its input values (an entry may be null for
 * an omitted optional input), its outputs and attributes.
 */
public final class Node {
    private final String opType;
    private final String domain;
    private String name;
    final List<Value> inputs;
    final List<Value> outputs;
    private final Map<String, Attribute> attributes;

    Node(String opType, String domain, String name, List<Value> inputs, List<Value> outputs,
         Map<String, Attribute> attributes) {
        this.opType = opType;
        this.domain = domain == null ? "" : domain;
        this.name = name;
        this.inputs = new ArrayList<>(inputs);
        this.outputs = new ArrayList<>(outputs);
        this.attributes = new LinkedHashMap<>(attributes);
    }

    public String opType() {
        return opType;
    }

    public String domain() {
        return domain;
    }

    public String name() {
        return name;
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public List<Value> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    /** Input {@code i}, or null when it is absent (omitted optional input or index past the end). */
    public Value input(int i) {
        return i < inputs.size() ? inputs.get(i) : null;
    }

    public List<Value> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    public Value output(int i) {
        return outputs.get(i);
    }

    public Map<String, Attribute> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public Attribute attribute(String key) {
        return attributes.get(key);
    }

    public boolean has(String key) {
        return attributes.containsKey(key);
    }

    public long intAttr(String key, long dflt) {
        Attribute a = attributes.get(key);
        return a == null ? dflt : a.asInt();
    }

    public double floatAttr(String key, double dflt) {
        Attribute a = attributes.get(key);
        return a == null ? dflt : a.asFloat();
    }

    public String stringAttr(String key, String dflt) {
        Attribute a = attributes.get(key);
        return a == null ? dflt : a.asString();
    }

    public long[] intsAttr(String key, long[] dflt) {
        Attribute a = attributes.get(key);
        return a == null ? dflt : a.asInts();
    }

    public void setAttribute(Attribute a) {
        attributes.put(a.name(), a);
    }

    /** Replaces input {@code i} (used by rewrites). */
    void setInput(int i, Value v) {
        inputs.set(i, v);
    }

    @Override
    public String toString() {
        return opType + (name == null || name.isEmpty() ? "" : "(" + name + ")");
    }
}
