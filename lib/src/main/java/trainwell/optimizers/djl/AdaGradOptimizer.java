package trainwell.optimizers.djl;

import ai.djl.ndarray.NDArray;
import trainwell.core.Args;

/**
 * AdaGrad as in {@code torch.optim.Adagrad} (DJL's {@code Adagrad} throws on the PyTorch engine).
 *
 * <p>Divides by the root of the running sum of squared gradients, so each coordinate's step
 * shrinks as its gradients accumulate. PyTorch's {@code lr_decay} is left out: use a schedule.
 */
public final class AdaGradOptimizer extends TorchStyleOptimizer {

    private final double eps;
    private final double initialAccumulator;

    private AdaGradOptimizer(Builder b) {
        super(b);
        this.eps = b.eps;
        this.initialAccumulator = b.initialAccumulator;
    }

    /** A builder with PyTorch's defaults: eps 1e-10, initial accumulator 0. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected int stateArraysPerParameter() {
        return 1;
    }

    @Override
    protected void initState(int index, NDArray state) {
        state.addi((float) initialAccumulator);
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, NDArray[] state, Step step) {
        NDArray d = withL2(grad, weight, step.weightDecay());
        NDArray sum = state[0];
        sum.addi(scaledProduct(1, d, d));
        NDArray std = sum.sqrt().addi((float) eps);
        weight.addi(scaledQuotient(-step.lr(), d, std));
    }

    /** AdaGrad settings. */
    public static final class Builder extends TorchStyleOptimizer.Builder<Builder> {
        private double eps = 1e-10;
        private double initialAccumulator;

        private Builder() {}

        /** The term added to the denominator (default 1e-10). */
        public Builder eps(double value) {
            this.eps = Args.nonNegative("eps", value);
            return this;
        }

        /** The starting value of the sum of squared gradients (default 0). */
        public Builder initialAccumulator(double value) {
            this.initialAccumulator = Args.nonNegative("initialAccumulator", value);
            return this;
        }

        @Override
        public AdaGradOptimizer build() {
            return new AdaGradOptimizer(this);
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
