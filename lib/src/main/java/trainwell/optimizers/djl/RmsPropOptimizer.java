package trainwell.optimizers.djl;

import ai.djl.ndarray.NDArray;
import trainwell.core.Args;

/**
 * RMSProp as in {@code torch.optim.RMSprop} (DJL's {@code RmsProp} throws on the PyTorch engine).
 *
 * <p>Divides the gradient by the root of a running mean of squared gradients; "centered" subtracts
 * the squared running mean of the gradient first (an estimate of the variance). Note PyTorch's
 * defaults: alpha 0.99 and eps 1e-8 added outside the square root.
 */
public final class RmsPropOptimizer extends TorchStyleOptimizer {

    private final double alpha;
    private final double eps;
    private final double momentum;
    private final boolean centered;

    private RmsPropOptimizer(Builder b) {
        super(b);
        this.alpha = b.alpha;
        this.eps = b.eps;
        this.momentum = b.momentum;
        this.centered = b.centered;
    }

    /** A builder with PyTorch's defaults: alpha 0.99, eps 1e-8, no momentum, not centered. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected int stateArraysPerParameter() {
        // square average, then the gradient average (if centered), then the momentum buffer (if any)
        return 1 + (centered ? 1 : 0) + (momentum > 0 ? 1 : 0);
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, NDArray[] state, Step step) {
        NDArray d = withL2(grad, weight, step.weightDecay());
        NDArray squareAvg = state[0];
        squareAvg.muli((float) alpha).addi(scaledProduct(1 - alpha, d, d));
        NDArray avg;
        if (centered) {
            NDArray gradAvg = state[1];
            lerpInPlace(gradAvg, d, 1 - alpha);
            avg = squareAvg.add(scaledProduct(-1, gradAvg, gradAvg)).sqrt();
        } else {
            avg = squareAvg.sqrt();
        }
        avg.addi((float) eps);
        if (momentum > 0) {
            NDArray buf = state[state.length - 1];
            buf.muli((float) momentum).addi(scaledQuotient(1, d, avg));
            weight.subi(buf.mul((float) step.lr()));
        } else {
            weight.addi(scaledQuotient(-step.lr(), d, avg));
        }
    }

    /** RMSProp settings. */
    public static final class Builder extends TorchStyleOptimizer.Builder<Builder> {
        private double alpha = 0.99;
        private double eps = 1e-8;
        private double momentum;
        private boolean centered;

        private Builder() {}

        /** Decay rate of the running mean of squared gradients (default 0.99). */
        public Builder alpha(double value) {
            this.alpha = Args.inRange("alpha", value, 0, 1);
            return this;
        }

        /** The term added to the denominator (default 1e-8). */
        public Builder eps(double value) {
            this.eps = Args.nonNegative("eps", value);
            return this;
        }

        /** Momentum factor (default 0). */
        public Builder momentum(double value) {
            this.momentum = Args.inRangeExclusive("momentum", value, 0, 1);
            return this;
        }

        /** Normalise by an estimate of the gradient's variance instead of its second moment. */
        public Builder centered(boolean on) {
            this.centered = on;
            return this;
        }

        @Override
        public RmsPropOptimizer build() {
            return new RmsPropOptimizer(this);
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
