package org.cryptorch.api;

import org.cryptorch.ir.Graph;

/** Compiles a canonical graph (static shapes) into an {@link Executable}. */
public interface Compiler {
    Executable compile(Graph canonical, PlanChoice plan, Ownership owners);
}
