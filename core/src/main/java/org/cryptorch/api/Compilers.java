package org.cryptorch.api;

import java.lang.reflect.InvocationTargetException;

/**
 * Finds the {@link Compiler} a process uses. Child processes get the parent's compiler by class name (it needs a
 * public no-argument constructor); the empty name is the standard compiler.
 */
public final class Compilers {
    private Compilers() {
    }

    /** The standard pipeline: approximate with the plan, lower to fixed point, run on the plain or MPC backend. */
    public static Compiler standard() {
        return StandardCompiler.INSTANCE;
    }

    static String nameOf(Compiler c) {
        return c == StandardCompiler.INSTANCE ? "" : c.getClass().getName();
    }

    static Compiler byName(String className) {
        if (className.isEmpty()) {
            return standard();
        }
        try {
            return (Compiler) Class.forName(className).getConstructor().newInstance();
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException | ClassCastException e) {
            throw new IllegalArgumentException("cannot create compiler " + className + ": " + e, e);
        }
    }
}
