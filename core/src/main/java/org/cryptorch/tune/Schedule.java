package org.cryptorch.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which ops of a program run fused: ops in one group exchange their messages in the same rounds, so the group
 * costs the most rounds of any member once, not the sum. Every op index belongs to exactly one group.
 */
public final class Schedule {
    private final List<int[]> groups;

    private Schedule(List<int[]> groups) {
        this.groups = groups;
    }

    /** One group per op: nothing fused. */
    public static Schedule sequential(int ops) {
        List<int[]> g = new ArrayList<>(ops);
        for (int i = 0; i < ops; i++) {
            g.add(new int[] {i});
        }
        return new Schedule(g);
    }

    /** The given groups of op indices, which must cover {@code 0 .. ops-1} exactly once. */
    public static Schedule of(int ops, List<int[]> groups) {
        int[] seen = new int[ops];
        List<int[]> copy = new ArrayList<>(groups.size());
        for (int[] group : groups) {
            if (group.length == 0) {
                throw new IllegalArgumentException("schedule has an empty group");
            }
            for (int op : group) {
                if (op < 0 || op >= ops) {
                    throw new IllegalArgumentException("schedule names op " + op + " of a program with " + ops
                        + " ops");
                }
                if (seen[op]++ > 0) {
                    throw new IllegalArgumentException("schedule puts op " + op + " in two groups");
                }
            }
            copy.add(group.clone());
        }
        for (int op = 0; op < ops; op++) {
            if (seen[op] == 0) {
                throw new IllegalArgumentException("schedule leaves op " + op + " out");
            }
        }
        return new Schedule(copy);
    }

    public int opCount() {
        return groups.stream().mapToInt(g -> g.length).sum();
    }

    public List<int[]> groups() {
        return groups.stream().map(int[]::clone).toList();
    }

    @Override
    public String toString() {
        return groups.stream().map(Arrays::toString).toList().toString();
    }
}
