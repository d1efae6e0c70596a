package trainwell.optimizers;

import trainwell.core.Args;
import trainwell.schedules.Schedule;

/**
 * AdaGrad (Duchi, Hazan &amp; Singer 2011): each parameter's step is divided by the root of the sum of all
 * its squared gradients so far, so frequently-large coordinates slow down and the step keeps shrinking.
 *
 * <p>Matches {@code torch.optim.Adagrad(lr, eps, weight_decay)} with lr_decay 0 and initial accumulator 0
 * (use a {@link Schedule} for a decaying rate).
 */
public final class AdaGrad extends AbstractOptimizer<AdaGrad.Settings> {

    /** Hyper-parameters: eps added to the denominator (PyTorch default 1e-10) and the L2 weight decay. */
    public record Settings(double eps, double weightDecay) {
        /** Checks eps > 0 and weight decay >= 0. */
        public Settings {
            Args.positive("eps", eps);
            Args.nonNegative("weightDecay", weightDecay);
        }
    }

    private double[] sumOfSquares;

    AdaGrad(String name, Schedule lr, Settings settings) {
        super(name, lr, settings);
    }

    /** A copy with another eps. */
    public AdaGrad eps(double eps) {
        return new AdaGrad(customName(), learningRate(), new Settings(eps, settings().weightDecay()));
    }

    /** A copy whose gradient gets {@code weightDecay * p} added (L2, as in PyTorch). */
    public AdaGrad weightDecay(double weightDecay) {
        return new AdaGrad(customName(), learningRate(), new Settings(settings().eps(), weightDecay));
    }

    @Override
    public AdaGrad named(String name) {
        return new AdaGrad(Args.notNull("name", name), learningRate(), settings());
    }

    /** The running sum of squared gradients per parameter (PyTorch's {@code sum}); empty before the first step. */
    public double[] sumOfSquares() {
        return copyOf(sumOfSquares);
    }

    @Override
    protected String defaultName() {
        return "AdaGrad";
    }

    @Override
    protected void allocate(int n) {
        sumOfSquares = new double[n];
    }

    @Override
    protected void update(double[] p, double[] g, double lr, int t) {
        for (int i = 0; i < p.length; i++) {
            double gi = g[i] + settings().weightDecay() * p[i];
            sumOfSquares[i] += gi * gi;
            p[i] -= lr * gi / (Math.sqrt(sumOfSquares[i]) + settings().eps());
        }
    }
}
