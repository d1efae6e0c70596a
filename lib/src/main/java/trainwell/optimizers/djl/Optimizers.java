package trainwell.optimizers.djl;

/**
 * Entry points for the course's DJL optimizers, named as in the lessons.
 *
 * <pre>{@code
 * Optimizer opt = Optimizers.adamW().learningRate(schedule::at).weightDecay(0.1)
 *         .groups(ParameterGroups.standard(block)).build();
 * }</pre>
 */
public final class Optimizers {

    private Optimizers() {}

    /** Plain SGD: {@code p -= lr * g}. */
    public static SgdOptimizer.Builder sgd() {
        return SgdOptimizer.builder();
    }

    /** SGD with PyTorch-style momentum {@code mu} (the learning rate stays outside the buffer). */
    public static SgdOptimizer.Builder momentum(double mu) {
        return SgdOptimizer.builder().momentum(mu);
    }

    /** SGD with Nesterov momentum {@code mu}. */
    public static SgdOptimizer.Builder nesterov(double mu) {
        return SgdOptimizer.builder().momentum(mu).nesterov(true);
    }

    /** Adam; its weight decay is L2 added to the gradient (coupled). */
    public static AdamOptimizer.Builder adam() {
        return AdamOptimizer.withCoupledDecay();
    }

    /** AdamW: Adam with decoupled weight decay. */
    public static AdamOptimizer.Builder adamW() {
        return AdamOptimizer.withDecoupledDecay();
    }

    /** RMSProp with PyTorch's defaults. */
    public static RmsPropOptimizer.Builder rmsProp() {
        return RmsPropOptimizer.builder();
    }

    /** AdaGrad with PyTorch's defaults. */
    public static AdaGradOptimizer.Builder adaGrad() {
        return AdaGradOptimizer.builder();
    }

    /** Rectified Adam with PyTorch's defaults. */
    public static AdamOptimizer.Builder rAdam() {
        return AdamOptimizer.rectified();
    }
}
