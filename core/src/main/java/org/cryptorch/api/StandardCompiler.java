package org.cryptorch.api;

import org.cryptorch.ir.Graph;

/** The standard pipeline over the compile and exec packages. */
enum StandardCompiler implements Compiler {
    INSTANCE;

    @Override
    public Executable compile(Graph canonical, PlanChoice plan, Ownership owners) {
        throw new UnsupportedOperationException("the fixed-point compiler (branch lower) is not merged yet");
    }
}
