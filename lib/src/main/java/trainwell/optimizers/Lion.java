package trainwell.optimizers;

import trainwell.core.Args;
import trainwell.schedules.Schedule;

/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms"): the update is the sign of an
 * interpolation between momentum and gradient, so every parameter moves by exactly lr (plus decay).
 *
 * <p>Algorithm 2 of the paper: {@code c = b1 m + (1 - b1) g; p -= lr (sign(c) + wd p);
 * m = b2 m + (1 - b2) g}. Defaults beta1 0.9, beta2 0.99, no weight decay. PyTorch has no Lion; the tests
 * check steps computed by hand from the paper.
 */
public final class Lion extends AbstractOptimizer<OptimizerSpec.Lion> {

    private double[] m;

    Lion(String name, Schedule lr, OptimizerSpec.Lion settings) {
        super(name, lr, settings);
    }

    /** A copy with other betas (beta1 mixes the update direction, beta2 decays the momentum). */
    public Lion betas(double beta1, double beta2) {
        return with(settings().withBetas(beta1, beta2));
    }

    /** A copy with decoupled weight decay: {@code p -= lr * wd * p} alongside the sign step. */
    public Lion weightDecay(double weightDecay) {
        return with(settings().withWeightDecay(weightDecay));
    }

    private Lion with(OptimizerSpec.Lion s) {
        return new Lion(customName(), learningRate(), s);
    }

    @Override
    public Lion named(String name) {
        return new Lion(Args.notNull("name", name), learningRate(), settings());
    }

    /** The momentum m (a running mean of the gradient with decay beta2); empty before the first step. */
    public double[] momentum() {
        return copyOf(m);
    }

    @Override
    protected String defaultName() {
        return "Lion";
    }

    @Override
    protected void allocate(int n) {
        m = new double[n];
    }

    @Override
    protected void update(double[] p, double[] g, double lr, int t) {
        var s = settings();
        for (int i = 0; i < p.length; i++) {
            double c = s.beta1() * m[i] + (1 - s.beta1()) * g[i];
            p[i] -= lr * (Math.signum(c) + s.weightDecay() * p[i]); // sign(0) = 0: no signal, no move
            m[i] = s.beta2() * m[i] + (1 - s.beta2()) * g[i];    // updated after the step, with a slower decay
        }
    }
}
