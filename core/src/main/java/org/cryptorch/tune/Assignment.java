package org.cryptorch.tune;

import java.util.Arrays;

/** The candidate index chosen at every site, in site order. Immutable; equal choices are equal (a cache key). */
public final class Assignment {
    private final int[] choices;

    Assignment(int[] choices) {
        this.choices = choices.clone();
    }

    public static Assignment of(int... choices) {
        return new Assignment(choices);
    }

    public int size() {
        return choices.length;
    }

    public int choice(int site) {
        return choices[site];
    }

    /** A copy in which every site of {@code unit} takes candidate {@code candidate}. */
    public Assignment with(Decision unit, int candidate) {
        int[] c = choices.clone();
        for (int site : unit.sites()) {
            c[site] = candidate;
        }
        return new Assignment(c);
    }

    /** A copy in which {@code site} alone takes {@code candidate}. */
    public Assignment withSite(int site, int candidate) {
        int[] c = choices.clone();
        c[site] = candidate;
        return new Assignment(c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Assignment a && Arrays.equals(a.choices, choices);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(choices);
    }

    @Override
    public String toString() {
        return Arrays.toString(choices);
    }
}
