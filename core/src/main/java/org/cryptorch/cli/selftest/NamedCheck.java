package org.cryptorch.cli.selftest;

import java.util.function.Function;

/** A check given by its name and body. */
record NamedCheck(String name, Function<PartySession, CheckOutcome> body) implements ProtocolCheck {
    @Override
    public CheckOutcome run(PartySession s) {
        return body.apply(s);
    }
}
