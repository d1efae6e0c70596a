package trainwell.optimizers;

import trainwell.core.Args;
import trainwell.schedules.Schedule;

/**
 * Gradient descent with momentum, in PyTorch's convention (heavy ball, dampening 0):
 * {@code v = mu * v + g; p -= lr * v}, or with Nesterov {@code p -= lr * (g + mu * v)}.
 *
 * <p>Matches {@code torch.optim.SGD(lr, momentum, nesterov, weight_decay)}. Note that PyTorch's velocity
 * is not multiplied by {@code (1 - mu)}: at a constant gradient the step approaches {@code lr * g / (1 - mu)},
 * ten times the plain step for mu = 0.9.
 */
public final class Momentum extends AbstractOptimizer<Momentum.Settings> {

    /** Hyper-parameters: the momentum factor mu in [0, 1), Nesterov or heavy ball, and the L2 weight decay. */
    public record Settings(double momentum, boolean nesterov, double weightDecay) {
        /** Checks mu in [0, 1) (and > 0 for Nesterov, as PyTorch requires) and weight decay >= 0. */
        public Settings {
            Args.inRangeExclusive("momentum", momentum, 0, 1);
            Args.check(!nesterov || momentum > 0, "momentum", "must be > 0 for Nesterov", momentum);
            Args.nonNegative("weightDecay", weightDecay);
        }
    }

    private double[] velocity;

    Momentum(String name, Schedule lr, Settings settings) {
        super(name, lr, settings);
    }

    /** A copy whose gradient gets {@code weightDecay * p} added (L2 regularization, as in PyTorch's SGD). */
    public Momentum weightDecay(double weightDecay) {
        return new Momentum(customName(), learningRate(),
                new Settings(settings().momentum(), settings().nesterov(), weightDecay));
    }

    @Override
    public Momentum named(String name) {
        return new Momentum(Args.notNull("name", name), learningRate(), settings());
    }

    /** The velocity buffer v (PyTorch's {@code momentum_buffer}); empty before the first step. */
    public double[] velocity() {
        return copyOf(velocity);
    }

    @Override
    protected String defaultName() {
        return (settings().nesterov() ? "Nesterov " : "Momentum ") + settings().momentum();
    }

    @Override
    protected void allocate(int n) {
        velocity = new double[n];
    }

    @Override
    protected void update(double[] p, double[] g, double lr, int t) {
        double mu = settings().momentum();
        for (int i = 0; i < p.length; i++) {
            double gi = g[i] + settings().weightDecay() * p[i];
            velocity[i] = mu * velocity[i] + gi; // PyTorch starts v at g itself, which equals mu * 0 + g
            // Nesterov, in the form PyTorch uses (Sutskever et al. 2013): step along g plus the look-ahead mu * v.
            double direction = settings().nesterov() ? gi + mu * velocity[i] : velocity[i];
            p[i] -= lr * direction;
        }
    }
}
