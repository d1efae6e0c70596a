package trainwell.optimizers;

import trainwell.core.Args;
import trainwell.schedules.Schedule;

/**
 * RAdam (Liu et al. 2020, "On the Variance of the Adaptive Learning Rate and Beyond"): Adam whose adaptive
 * step is switched off while the second moment rests on too few gradients, and then scaled by a
 * rectification factor that grows towards 1; a built-in warmup.
 *
 * <p>Matches {@code torch.optim.RAdam(lr, betas, eps, weight_decay, decoupled_weight_decay)}.
 */
public final class RAdam extends AbstractOptimizer<OptimizerSpec.RAdam> {

    private double[] m;
    private double[] v;
    private double rho = Double.NaN;
    private double rectification = Double.NaN;

    RAdam(String name, Schedule lr, OptimizerSpec.RAdam settings) {
        super(name, lr, settings);
    }

    /** A copy with other decay rates of the first and second moments. */
    public RAdam betas(double beta1, double beta2) {
        return with(settings().withBetas(beta1, beta2));
    }

    /** A copy with another eps. */
    public RAdam eps(double eps) {
        return with(settings().withEps(eps));
    }

    /** A copy with L2 weight decay added to the gradient (PyTorch's default kind for RAdam). */
    public RAdam weightDecay(double weightDecay) {
        return with(settings().withWeightDecay(weightDecay).withDecoupled(false));
    }

    /** A copy with decoupled weight decay, {@code p *= 1 - lr * wd} before the step (as AdamW). */
    public RAdam decoupledWeightDecay(double weightDecay) {
        return with(settings().withWeightDecay(weightDecay).withDecoupled(true));
    }

    private RAdam with(OptimizerSpec.RAdam s) {
        return new RAdam(customName(), learningRate(), s);
    }

    @Override
    public RAdam named(String name) {
        return new RAdam(Args.notNull("name", name), learningRate(), settings());
    }

    /** The length rho_t of the approximated simple moving average at the last step (NaN before a step). */
    public double rho() {
        return rho;
    }

    /** True when the last step used the adaptive (rectified) update, i.e. rho_t > 5. */
    public boolean rectified() {
        return rho > 5;
    }

    /** The rectification factor r_t of the last step (NaN when the step was not adaptive). */
    public double rectification() {
        return rectification;
    }

    @Override
    protected String defaultName() {
        return "RAdam";
    }

    @Override
    protected void allocate(int n) {
        m = new double[n];
        v = new double[n];
        rho = Double.NaN;
        rectification = Double.NaN;
    }

    @Override
    protected void update(double[] p, double[] g, double lr, int t) {
        var s = settings();
        double correction1 = 1 - Math.pow(s.beta1(), t);
        double correction2 = 1 - Math.pow(s.beta2(), t);
        double rhoInf = 2 / (1 - s.beta2()) - 1;
        rho = rhoInf - 2 * t * Math.pow(s.beta2(), t) / correction2;
        // The variance of the adaptive rate is only finite (and tractable) for rho_t > 4; PyTorch uses > 5.
        boolean adaptive = rho > 5;
        rectification = adaptive
                ? Math.sqrt((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho))
                : Double.NaN;
        for (int i = 0; i < p.length; i++) {
            double gi = g[i];
            if (s.decoupled()) {
                p[i] *= 1 - lr * s.weightDecay();
            } else {
                gi += s.weightDecay() * p[i];
            }
            m[i] = s.beta1() * m[i] + (1 - s.beta1()) * gi;
            v[i] = s.beta2() * v[i] + (1 - s.beta2()) * gi * gi;
            double mHat = m[i] / correction1;
            if (adaptive) {
                // Unlike Adam, PyTorch's RAdam adds eps to the uncorrected sqrt(v).
                double adaptiveRate = Math.sqrt(correction2) / (Math.sqrt(v[i]) + s.eps());
                p[i] -= lr * mHat * adaptiveRate * rectification;
            } else {
                p[i] -= lr * mHat; // early steps: SGD with (bias-corrected) momentum
            }
        }
    }
}
