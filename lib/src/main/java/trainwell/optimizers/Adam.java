package trainwell.optimizers;

import trainwell.core.Args;
import trainwell.schedules.Schedule;

/**
 * Adam (Kingma &amp; Ba 2015) and its variants: Adam with L2 weight decay, AdamW (Loshchilov &amp; Hutter
 * 2019) and AMSGrad (Reddi, Kale &amp; Kumar 2018).
 *
 * <p>Matches {@code torch.optim.Adam(lr, betas, eps, weight_decay, amsgrad)} and
 * {@code torch.optim.AdamW(...)}. The two differ only in where weight decay goes: Adam adds
 * {@code wd * p} to the gradient, so the decay is then divided by {@code sqrt(v)} like everything else;
 * AdamW shrinks the weight directly, {@code p *= 1 - lr * wd}, before the Adam step.
 */
public final class Adam extends AbstractOptimizer<OptimizerSpec.Adam> {

    private final boolean biasCorrection;
    private double[] m;
    private double[] v;
    private double[] vMax;

    /** {@code biasCorrection} false only for the lesson: no PyTorch optimizer leaves it out. */
    Adam(String name, Schedule lr, OptimizerSpec.Adam settings, boolean biasCorrection) {
        super(name, lr, settings);
        this.biasCorrection = biasCorrection;
    }

    /** A copy with other decay rates of the first and second moments. */
    public Adam betas(double beta1, double beta2) {
        return with(settings().withBetas(beta1, beta2), biasCorrection);
    }

    /** A copy with another eps. */
    public Adam eps(double eps) {
        return with(settings().withEps(eps), biasCorrection);
    }

    /** A copy with another weight decay, keeping its kind (L2 for Adam, decoupled for AdamW). */
    public Adam weightDecay(double weightDecay) {
        return with(settings().withWeightDecay(weightDecay), biasCorrection);
    }

    /** A copy that divides by the largest second moment seen so far (AMSGrad). */
    public Adam amsgrad() {
        return with(settings().withAmsgrad(true), biasCorrection);
    }

    /** A copy without bias correction, to show why Adam needs it (no PyTorch optimizer does this). */
    public Adam withoutBiasCorrection() {
        return with(settings(), false);
    }

    /** True unless made by {@link #withoutBiasCorrection()}: the moments are divided by 1 - beta^t. */
    public boolean biasCorrection() {
        return biasCorrection;
    }

    private Adam with(OptimizerSpec.Adam s, boolean correct) {
        return new Adam(customName(), learningRate(), s, correct);
    }

    @Override
    public Adam named(String name) {
        return new Adam(Args.notNull("name", name), learningRate(), settings(), biasCorrection);
    }

    /** The first moment m, a running mean of the gradient (PyTorch's {@code exp_avg}); empty before a step. */
    public double[] firstMoment() {
        return copyOf(m);
    }

    /** The second moment v, a running mean of the squared gradient ({@code exp_avg_sq}); empty before a step. */
    public double[] secondMoment() {
        return copyOf(v);
    }

    /** The bias-corrected first moment m / (1 - beta1^t) used by the last step. */
    public double[] correctedFirstMoment() {
        return divide(m, biasCorrection(settings().beta1(), stepCount()));
    }

    /** The bias-corrected second moment v / (1 - beta2^t) used by the last step (the AMSGrad maximum if on). */
    public double[] correctedSecondMoment() {
        return divide(settings().amsgrad() ? vMax : v, biasCorrection(settings().beta2(), stepCount()));
    }

    /** The per-parameter step size of the last step, lr / (sqrt(v corrected) + eps): the rate Adam really used. */
    public double[] effectiveStepSizes() {
        double[] vHat = correctedSecondMoment();
        double[] sizes = new double[vHat.length];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = lastLearningRate() / (Math.sqrt(vHat[i]) + settings().eps());
        }
        return sizes;
    }

    @Override
    protected String defaultName() {
        String name = settings().decoupled() ? "AdamW" : settings().weightDecay() > 0 ? "Adam (L2)" : "Adam";
        if (settings().amsgrad()) {
            name += " AMSGrad";
        }
        return biasCorrection ? name : name + " (no bias correction)";
    }

    @Override
    protected void allocate(int n) {
        m = new double[n];
        v = new double[n];
        vMax = new double[n];
    }

    @Override
    protected void update(double[] p, double[] g, double lr, int t) {
        var s = settings();
        // Both moments start at zero, so early on they underestimate; dividing by 1 - beta^t undoes that.
        double correction1 = biasCorrection(s.beta1(), t);
        double correction2 = biasCorrection(s.beta2(), t);
        for (int i = 0; i < p.length; i++) {
            double gi = g[i];
            if (s.decoupled()) {
                p[i] *= 1 - lr * s.weightDecay();   // AdamW: decay the weight itself, outside the adaptive step
            } else {
                gi += s.weightDecay() * p[i];       // Adam(weight_decay): L2, later divided by sqrt(v)
            }
            m[i] = s.beta1() * m[i] + (1 - s.beta1()) * gi;
            v[i] = s.beta2() * v[i] + (1 - s.beta2()) * gi * gi;
            vMax[i] = Math.max(vMax[i], v[i]);
            double second = s.amsgrad() ? vMax[i] : v[i];
            // PyTorch adds eps after bias-correcting sqrt(v): denominator sqrt(v / (1 - beta2^t)) + eps.
            p[i] -= lr * (m[i] / correction1) / (Math.sqrt(second / correction2) + s.eps());
        }
    }

    private double biasCorrection(double beta, int t) {
        return biasCorrection ? 1 - Math.pow(beta, t) : 1;
    }

    private static double[] divide(double[] values, double by) {
        double[] out = copyOf(values);
        for (int i = 0; i < out.length; i++) {
            out[i] /= by;
        }
        return out;
    }
}
