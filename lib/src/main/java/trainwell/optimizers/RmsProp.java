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
public final class RmsProp extends AbstractOptimizer<RmsProp.Settings> {

    /** Hyper-parameters: smoothing alpha in [0, 1), eps > 0, momentum in [0, 1), centered, L2 weight decay. */
    public record Settings(double alpha, double eps, double momentum, boolean centered, double weightDecay) {
        /** Checks every hyper-parameter's range. */
        public Settings {
            Args.inRangeExclusive("alpha", alpha, 0, 1);
            Args.positive("eps", eps);
            Args.inRangeExclusive("momentum", momentum, 0, 1);
            Args.nonNegative("weightDecay", weightDecay);
        }
    }

    private double[] squareAverage;
    private double[] gradientAverage;
    private double[] velocity;

    RmsProp(String name, Schedule lr, Settings settings) {
        super(name, lr, settings);
    }

    /** A copy with another smoothing constant alpha (PyTorch's name; the decay of the squared average). */
    public RmsProp alpha(double alpha) {
        var s = settings();
        return with(new Settings(alpha, s.eps(), s.momentum(), s.centered(), s.weightDecay()));
    }

    /** A copy with another eps. */
    public RmsProp eps(double eps) {
        var s = settings();
        return with(new Settings(s.alpha(), eps, s.momentum(), s.centered(), s.weightDecay()));
    }

    /** A copy that also keeps a momentum buffer of the normalized steps. */
    public RmsProp momentum(double momentum) {
        var s = settings();
        return with(new Settings(s.alpha(), s.eps(), momentum, s.centered(), s.weightDecay()));
    }

    /** A copy that divides by an estimate of the gradient's variance instead of its raw second moment. */
    public RmsProp centered() {
        var s = settings();
        return with(new Settings(s.alpha(), s.eps(), s.momentum(), true, s.weightDecay()));
    }

    /** A copy whose gradient gets {@code weightDecay * p} added (L2, as in PyTorch). */
    public RmsProp weightDecay(double weightDecay) {
        var s = settings();
        return with(new Settings(s.alpha(), s.eps(), s.momentum(), s.centered(), weightDecay));
    }

    private RmsProp with(Settings s) {
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
