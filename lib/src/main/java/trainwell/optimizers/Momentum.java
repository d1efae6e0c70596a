package trainwell.optimizers;

import trainwell.core.Args;
import trainwell.schedules.Schedule;

/**
 * Gradient descent with momentum, in PyTorch's convention (heavy ball):
 * {@code v = mu * v + (1 - dampening) * g; p -= lr * v}, or with Nesterov {@code p -= lr * (g + mu * v)}.
 * The first step sets {@code v = g} (no dampening), as PyTorch does.
 *
 * <p>Matches {@code torch.optim.SGD(lr, momentum, dampening, nesterov, weight_decay)}. Note that with the
 * default dampening 0 PyTorch's velocity is not multiplied by {@code (1 - mu)}: at a constant gradient the
 * step approaches {@code lr * g / (1 - mu)}, ten times the plain step for mu = 0.9 (dampening = mu gives
 * the "exponential moving average" form, whose step approaches {@code lr * g}).
 */
public final class Momentum extends AbstractOptimizer<OptimizerSpec.Sgd> {

    private double[] velocity;

    Momentum(String name, Schedule lr, OptimizerSpec.Sgd settings) {
        super(name, lr, settings);
    }

    /** A copy whose gradient gets {@code weightDecay * p} added (L2 regularization, as in PyTorch's SGD). */
    public Momentum weightDecay(double weightDecay) {
        return new Momentum(customName(), learningRate(), settings().withWeightDecay(weightDecay));
    }

    /** A copy that adds {@code (1 - dampening) * g} to the velocity after the first step (PyTorch's dampening). */
    public Momentum dampening(double dampening) {
        return new Momentum(customName(), learningRate(), settings().withDampening(dampening));
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
        String name = (settings().nesterov() ? "Nesterov " : "Momentum ") + settings().momentum();
        return settings().dampening() > 0 ? name + " (dampening " + settings().dampening() + ")" : name;
    }

    @Override
    protected void allocate(int n) {
        velocity = new double[n];
    }

    @Override
    protected void update(double[] p, double[] g, double lr, int t) {
        double mu = settings().momentum();
        double keep = 1 - settings().dampening();
        for (int i = 0; i < p.length; i++) {
            double gi = g[i] + settings().weightDecay() * p[i];
            // PyTorch starts v at g itself (undamped), then adds the damped gradient.
            velocity[i] = t == 1 ? gi : mu * velocity[i] + keep * gi;
            // Nesterov, in the form PyTorch uses (Sutskever et al. 2013): step along g plus the look-ahead mu * v.
            double direction = settings().nesterov() ? gi + mu * velocity[i] : velocity[i];
            p[i] -= lr * direction;
        }
    }
}
