package org.cryptorch.exec;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cryptorch.mpc.Arithmetic;
import org.cryptorch.mpc.Batched;
import org.cryptorch.mpc.Call;
import org.cryptorch.mpc.FixedMask;
import org.cryptorch.mpc.Party;
import org.cryptorch.mpc.Protocol;
import org.cryptorch.net.TrafficStats;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * One party of the real two-party computation: every method takes and returns this party's additive share and
 * runs the protocols with the other party, which must run the same program. It keeps which handles hold an operand
 * shared under a fixed mask (weights, the run's input), so that products use the mask instead of opening them.
 */
public final class MpcBackend implements Backend {
    private final Party party;
    /**
     * The fixed masks of the weights shared by {@link #weight}, by the identity of the share handed out: the
     * interpreter passes exactly that tensor to the products that use the weight directly.
     */
    private final Map<LongTensor, FixedMask> fixedMasks = new IdentityHashMap<>();
    /** The same for the handles of the run's input ({@link #keepInputMask}); replaced by every input. */
    private final Map<LongTensor, FixedMask> inputMasks = new IdentityHashMap<>();
    /** At the input's owner: the encoded input of this run when it has one, for {@link #keepInputMask}. */
    private LongTensor ownInput;

    public MpcBackend(Party party) {
        this.party = party;
    }

    public Party party() {
        return party;
    }

    @Override
    public boolean actsFor(int p) {
        return party.id() == p;
    }

    @Override
    public int fractionalBits() {
        return party.fractionalBits();
    }

    @Override
    public List<LongTensor> input(int owner, List<LongTensor> valuesOrNull, List<Shape> shapes) {
        inputMasks.clear();
        ownInput = null;
        if (owner == party.id()) {
            ownInput = valuesOrNull.size() == 1 ? valuesOrNull.get(0) : null;
            return Batched.apply(valuesOrNull, v -> Arithmetic.provideInput(party, v));
        }
        int n = shapes.stream().mapToInt(Shape::size).sum();
        return Batched.split(Arithmetic.receiveInput(party, Shape.of(n)), shapes);
    }

    @Override
    public LongTensor weight(int owner, LongTensor valueOrNull, Shape shape, int maskId) {
        Arithmetic.Operand w = Arithmetic.shareWithFixedMask(party, owner, maskId, valueOrNull, shape);
        fixedMasks.put(w.share(), w.mask());
        return w.share();
    }

    @Override
    public void keepInputMask(LongTensor share, int owner) {
        // the owner's share is R and it knows X; the other party's share is X - R, which is what F is for it. The
        // handle holds the input's elements in order (a reshape at most), so X is the input viewed in its shape.
        if (owner == party.id() && ownInput == null) {
            throw new IllegalStateException("party " + owner + " holds no single input of this run to keep masked");
        }
        LongTensor held = owner == party.id() ? ownInput.reshape(share.shape()) : share;
        inputMasks.put(share, FixedMask.runInput(owner, held));
    }

    private Arithmetic.Operand operand(LongTensor share) {
        FixedMask weight = fixedMasks.get(share);
        return new Arithmetic.Operand(share, weight != null ? weight : inputMasks.get(share));
    }

    @Override
    public LongTensor sharePublic(LongTensor value) {
        // a copy, so that no protocol can ever write into the program's constant
        return party.id() == 0 ? value.copy() : LongTensor.zeros(value.shape());
    }

    @Override
    public LongTensor addPublic(LongTensor x, LongTensor c) {
        return Arithmetic.addPublic(party, x, c);
    }

    @Override
    public List<LongTensor> run(Protocol protocol, List<List<LongTensor>> members) {
        return protocol.run(party, new Call<>(members.stream().map(m -> m.stream().map(this::operand).toList())
            .toList()));
    }

    @Override
    public Optional<List<LongTensor>> reveal(List<LongTensor> xs, int receiver) {
        List<Shape> shapes = xs.stream().map(LongTensor::shape).toList();
        return Arithmetic.revealTo(party, receiver, Batched.concat(xs)).map(all -> Batched.split(all, shapes));
    }

    @Override
    public Traffic traffic() {
        TrafficStats.Counter c = party.peer().stats().total();
        return new Traffic(c.rounds, c.bytesSent, party.correlations().offlineNanos());
    }
}
