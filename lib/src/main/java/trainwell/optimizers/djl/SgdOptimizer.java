package trainwell.optimizers.djl;

import ai.djl.ndarray.NDArray;
import trainwell.core.Args;

/**
 * Stochastic gradient descent as in {@code torch.optim.SGD}: plain, with momentum, or Nesterov.
 *
 * <p>Momentum follows PyTorch: {@code buf = mu * buf + (1 - dampening) * g; p -= lr * buf}. The
 * learning rate multiplies the buffer at each step, so a schedule changes the step size at once.
 * DJL's own {@code Sgd} stores {@code lr * g} in the buffer instead, which agrees only while the
 * learning rate is constant. Weight decay is L2, added to the gradient (coupled).
 */
public final class SgdOptimizer extends TorchStyleOptimizer {

    private final double momentum;
    private final double dampening;
    private final boolean nesterov;

    private SgdOptimizer(Builder b) {
        super(b);
        this.momentum = b.momentum;
        this.dampening = b.dampening;
        this.nesterov = b.nesterov;
        Args.check(!nesterov || (momentum > 0 && dampening == 0), "nesterov",
                "needs momentum > 0 and dampening 0", "momentum " + momentum + ", dampening " + dampening);
    }

    /** A builder for plain SGD (no momentum). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected int stateArraysPerParameter() {
        return momentum == 0 ? 0 : 1;
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, NDArray[] state, Step step) {
        NDArray d = withL2(grad, weight, step.weightDecay());
        if (momentum != 0) {
            NDArray buf = state[0];
            if (step.count() == 1) {
                buf.addi(d); // PyTorch starts the buffer as a copy of the first gradient (no dampening)
            } else {
                buf.muli((float) momentum).addi(dampening == 0 ? d : d.mul((float) (1 - dampening)));
            }
            d = nesterov ? d.add(buf.mul((float) momentum)) : buf;
        }
        weight.subi(d.mul((float) step.lr()));
    }

    /** SGD settings. */
    public static final class Builder extends TorchStyleOptimizer.Builder<Builder> {
        private double momentum;
        private double dampening;
        private boolean nesterov;

        private Builder() {}

        /** Momentum factor mu (default 0: none). */
        public Builder momentum(double mu) {
            this.momentum = Args.inRangeExclusive("momentum", mu, 0, 1);
            return this;
        }

        /** Dampening of the gradient added to the momentum buffer (default 0). */
        public Builder dampening(double value) {
            this.dampening = Args.inRange("dampening", value, 0, 1);
            return this;
        }

        /** Nesterov momentum (default off); needs momentum > 0 and no dampening. */
        public Builder nesterov(boolean on) {
            this.nesterov = on;
            return this;
        }

        @Override
        public SgdOptimizer build() {
            return new SgdOptimizer(this);
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
