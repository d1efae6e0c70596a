package trainwell.optimizers.djl;

import ai.djl.ndarray.NDArray;

/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", Algorithm 2) on DJL arrays:
 * {@code c = b1 m + (1 - b1) g; p -= lr (sign(c) + wd p); m = b2 m + (1 - b2) g}.
 *
 * <p>One state array (the momentum m), half of Adam's. The step of every coordinate is lr in size (plus
 * the decay term), so Lion needs a 3-10x smaller learning rate than AdamW and a correspondingly larger
 * weight decay. Weight decay is decoupled (it is not part of the momentum). PyTorch has no Lion; the tests
 * check it against a torch script written from the paper (lib/reference/optimizer_families.py).
 */
public final class LionOptimizer extends TorchStyleOptimizer {

    private final double beta1;
    private final double beta2;

    /** A Lion optimizer; normally made by {@code OptimizerSpec.lion()}, which holds the defaults. */
    public LionOptimizer(Setup setup, double beta1, double beta2) {
        super(setup);
        this.beta1 = beta1;
        this.beta2 = beta2;
    }

    @Override
    protected int stateArraysPerParameter() {
        return 1;
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, NDArray[] state, Step step) {
        NDArray m = state[0];
        // c = b1 m + (1 - b1) g, in the reference script's order: m * b1, then + g * (1 - b1)
        NDArray update = m.mul(scalar(m, beta1)).addi(grad.mul(scalar(grad, 1 - beta1))).sign();
        if (step.weightDecay() != 0) {
            update.addi(weight.mul(scalar(weight, step.weightDecay())));
        }
        weight.subi(update.muli(scalar(weight, step.lr())));
        m.muli(scalar(m, beta2)).addi(grad.mul(scalar(grad, 1 - beta2)));
    }
}
