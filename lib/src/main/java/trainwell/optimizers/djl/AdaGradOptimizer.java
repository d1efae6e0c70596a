package trainwell.optimizers.djl;

import ai.djl.ndarray.NDArray;

/**
 * AdaGrad as in {@code torch.optim.Adagrad} (DJL's {@code Adagrad} throws on the PyTorch engine).
 *
 * <p>Divides by the root of the running sum of squared gradients, so each coordinate's step
 * shrinks as its gradients accumulate. PyTorch's {@code lr_decay} is left out: use a schedule.
 */
public final class AdaGradOptimizer extends TorchStyleOptimizer {

    private final double eps;
    private final double initialAccumulator;

    /** An AdaGrad optimizer; normally made by {@code OptimizerSpec.adaGrad()}, which holds the defaults. */
    public AdaGradOptimizer(Setup setup, double eps, double initialAccumulator) {
        super(setup);
        this.eps = eps;
        this.initialAccumulator = initialAccumulator;
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
}
