package org.cryptorch.approx;

import java.util.List;

/**
 * The identity of an approximation (name, op, description, knobs), for built-ins and user-written ones alike;
 * subclasses add the documented range and the builder.
 */
public abstract class BaseApproximation implements Approximation {
    private final String name;
    private final String op;
    private final String description;
    private final List<Knob> knobs;

    protected BaseApproximation(String name, String op, String description, List<Knob> knobs) {
        this.name = name;
        this.op = op;
        this.description = description;
        this.knobs = List.copyOf(knobs);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String op() {
        return op;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<Knob> knobs() {
        return knobs;
    }

    @Override
    public String toString() {
        return name;
    }
}
