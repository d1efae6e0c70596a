package trainwell.optimizers;

import trainwell.core.Args;
import trainwell.schedules.Schedule;

/**
 * AdaGrad (Duchi, Hazan &amp; Singer 2011): each parameter's step is divided by the root of the sum of all
 * its squared gradients so far, so frequently-large coordinates slow down and the step keeps shrinking.
 *
 * <p>Matches {@code torch.optim.Adagrad(lr, eps, weight_decay, initial_accumulator_value)} with lr_decay 0
 * (use a {@link Schedule} for a decaying rate).
 */
public final class AdaGrad extends AbstractOptimizer<OptimizerSpec.AdaGrad> {

    private double[] sumOfSquares;

    AdaGrad(String name, Schedule lr, OptimizerSpec.AdaGrad settings) {
        super(name, lr, settings);
    }

    /** A copy with another eps. */
    public AdaGrad eps(double eps) {
        return new AdaGrad(customName(), learningRate(), settings().withEps(eps));
    }

    /** A copy whose sum of squared gradients starts at {@code value} instead of 0. */
    public AdaGrad initialAccumulator(double value) {
        return new AdaGrad(customName(), learningRate(), settings().withInitialAccumulator(value));
    }

    /** A copy whose gradient gets {@code weightDecay * p} added (L2, as in PyTorch). */
    public AdaGrad weightDecay(double weightDecay) {
        return new AdaGrad(customName(), learningRate(), settings().withWeightDecay(weightDecay));
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
        java.util.Arrays.fill(sumOfSquares, settings().initialAccumulator());
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
