package trainwell.optimizers;

import trainwell.core.Args;
import trainwell.schedules.Schedule;

/**
 * RMSProp (Hinton, Coursera lecture 6e, 2012): like AdaGrad, but a decaying average of squared gradients
 * replaces the ever-growing sum, so the step does not shrink to zero.
 *
 * <p>Matches {@code torch.optim.RMSprop(lr, alpha, eps, weight_decay, momentum, centered)}; defaults as in
 * PyTorch: alpha 0.99, eps 1e-8, no momentum, not centered.
 */
public final class RmsProp extends AbstractOptimizer<OptimizerSpec.RmsProp> {

    private double[] squareAverage;
    private double[] gradientAverage;
    private double[] velocity;

    RmsProp(String name, Schedule lr, OptimizerSpec.RmsProp settings) {
        super(name, lr, settings);
    }

    /** A copy with another smoothing constant alpha (PyTorch's name; the decay of the squared average). */
    public RmsProp alpha(double alpha) {
        return with(settings().withAlpha(alpha));
    }

    /** A copy with another eps. */
    public RmsProp eps(double eps) {
        return with(settings().withEps(eps));
    }

    /** A copy that also keeps a momentum buffer of the normalized steps. */
    public RmsProp momentum(double momentum) {
        return with(settings().withMomentum(momentum));
    }

    /** A copy that divides by an estimate of the gradient's variance instead of its raw second moment. */
    public RmsProp centered() {
        return with(settings().withCentered(true));
    }

    /** A copy whose gradient gets {@code weightDecay * p} added (L2, as in PyTorch). */
    public RmsProp weightDecay(double weightDecay) {
        return with(settings().withWeightDecay(weightDecay));
    }

    private RmsProp with(OptimizerSpec.RmsProp s) {
        return new RmsProp(customName(), learningRate(), s);
    }

    @Override
    public RmsProp named(String name) {
        return new RmsProp(Args.notNull("name", name), learningRate(), settings());
    }

    /** The decaying average of squared gradients (PyTorch's {@code square_avg}); empty before the first step. */
    public double[] squareAverage() {
        return copyOf(squareAverage);
    }

    @Override
    protected String defaultName() {
        return settings().centered() ? "RMSProp (centered)" : "RMSProp";
    }

    @Override
    protected void allocate(int n) {
        squareAverage = new double[n];
        gradientAverage = new double[n];
        velocity = new double[n];
    }

    @Override
    protected void update(double[] p, double[] g, double lr, int t) {
        double alpha = settings().alpha();
        for (int i = 0; i < p.length; i++) {
            double gi = g[i] + settings().weightDecay() * p[i];
            squareAverage[i] = alpha * squareAverage[i] + (1 - alpha) * gi * gi;
            double meanSquare = squareAverage[i];
            if (settings().centered()) {
                // Subtract the squared mean gradient: divide by (an estimate of) the standard deviation.
                gradientAverage[i] = alpha * gradientAverage[i] + (1 - alpha) * gi;
                meanSquare -= gradientAverage[i] * gradientAverage[i];
            }
            double normalized = gi / (Math.sqrt(meanSquare) + settings().eps());
            if (settings().momentum() > 0) {
                velocity[i] = settings().momentum() * velocity[i] + normalized;
                p[i] -= lr * velocity[i];
            } else {
                p[i] -= lr * normalized;
            }
        }
    }
}
