package org.cryptorch.launch;

/** Something a child process did: printed a line on its standard output, or exited. */
public sealed interface ChildEvent {
    ChildProcess child();

    record Line(ChildProcess child, String text) implements ChildEvent {
    }

    record Exit(ChildProcess child, int status) implements ChildEvent {
    }
}
