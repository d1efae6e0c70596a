package trainwell.optimizers.djl;

import ai.djl.ndarray.NDArray;

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

    /**
     * An SGD optimizer; normally made by {@code OptimizerSpec.sgd()/momentum(mu)/nesterov(mu)}, which
     * holds the defaults and checks the ranges.
     */
    public SgdOptimizer(Setup setup, double momentum, double dampening, boolean nesterov) {
        super(setup);
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
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
}
