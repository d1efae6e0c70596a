package trainwell.optimizers.djl;

import ai.djl.ndarray.NDArray;

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

    /** An RMSProp optimizer; normally made by {@code OptimizerSpec.rmsProp()}, which holds the defaults. */
    public RmsPropOptimizer(Setup setup, double alpha, double eps, double momentum, boolean centered) {
        super(setup);
        this.alpha = alpha;
        this.eps = eps;
        this.momentum = momentum;
        this.centered = centered;
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
}
