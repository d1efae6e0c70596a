package trainwell.optimizers;

import trainwell.core.Args;
import trainwell.schedules.Schedule;

/**
 * Plain gradient descent, {@code p -= lr * g}: "GD" on exact gradients, "SGD" when the gradients are
 * noisy mini-batch estimates (the rule is the same; the noise comes from the gradient you feed it).
 *
 * <p>Matches {@code torch.optim.SGD(lr, weight_decay)} with momentum 0.
 */
public final class GradientDescent extends AbstractOptimizer<GradientDescent.Settings> {

    /** Hyper-parameters: the L2 weight decay added to the gradient, and whether the legend says SGD. */
    public record Settings(double weightDecay, boolean stochastic) {
        /** Checks that the weight decay is a finite number >= 0. */
        public Settings {
            Args.nonNegative("weightDecay", weightDecay);
        }
    }


    GradientDescent(String name, Schedule lr, Settings settings) {
        super(name, lr, settings);
    }

    /** A copy whose gradient gets {@code weightDecay * p} added (L2 regularization, as in PyTorch's SGD). */
    public GradientDescent weightDecay(double weightDecay) {
        return new GradientDescent(customName(), learningRate(), new Settings(weightDecay, settings().stochastic()));
    }

    @Override
    public GradientDescent named(String name) {
        return new GradientDescent(Args.notNull("name", name), learningRate(), settings());
    }

    @Override
    protected String defaultName() {
        return settings().stochastic() ? "SGD" : "GD";
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
