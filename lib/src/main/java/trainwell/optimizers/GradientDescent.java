package trainwell.optimizers;

import trainwell.core.Args;
import trainwell.schedules.Schedule;

/**
 * Plain gradient descent, {@code p -= lr * g}: "GD" on exact gradients, "SGD" when the gradients are
 * noisy mini-batch estimates (the rule is the same; the noise comes from the gradient you feed it).
 *
 * <p>Matches {@code torch.optim.SGD(lr, weight_decay)} with momentum 0.
 */
public final class GradientDescent extends AbstractOptimizer<OptimizerSpec.Sgd> {

    private final boolean stochastic;

    /** {@code settings} has momentum 0; {@code stochastic} only chooses the legend (SGD or GD). */
    GradientDescent(String name, Schedule lr, OptimizerSpec.Sgd settings, boolean stochastic) {
        super(name, lr, settings);
        Args.check(settings.momentum() == 0, "momentum", "must be 0 for plain gradient descent (use Momentum)",
                settings.momentum());
        this.stochastic = stochastic;
    }

    /** True when the legend says SGD (noisy mini-batch gradients), false for GD. */
    public boolean stochastic() {
        return stochastic;
    }

    /** A copy whose gradient gets {@code weightDecay * p} added (L2 regularization, as in PyTorch's SGD). */
    public GradientDescent weightDecay(double weightDecay) {
        return new GradientDescent(customName(), learningRate(), settings().withWeightDecay(weightDecay), stochastic);
    }

    @Override
    public GradientDescent named(String name) {
        return new GradientDescent(Args.notNull("name", name), learningRate(), settings(), stochastic);
    }

    @Override
    protected String defaultName() {
        return stochastic ? "SGD" : "GD";
    }

    @Override
    protected void allocate(int n) {
        // Plain gradient descent has no state: each step looks only at the current gradient.
    }

    @Override
    protected void update(double[] p, double[] g, double lr, int t) {
        for (int i = 0; i < p.length; i++) {
            double gi = g[i] + settings().weightDecay() * p[i];
            p[i] -= lr * gi;
        }
    }
}
