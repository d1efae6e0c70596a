package trainwell.optimizers;

import trainwell.core.Args;
import trainwell.optimizers.djl.ScheduleFreeAveraging;
import trainwell.schedules.Schedule;

/**
 * Schedule-free AdamW (Defazio, Yang, Mehta, Mishchenko, Khaled and Cutkosky 2024, "The Road Less
 * Scheduled", arXiv:2405.15682): the quality of a run whose learning rate decays to zero, without a decay,
 * by averaging.
 *
 * <p>It keeps three points. {@link #z()} takes AdamW-like steps at a constant rate; {@link #x()} is the
 * running average of all z so far, the answer: evaluate (and keep) x; {@link #y()}, between them, is where
 * the gradients are taken. The parameter vector passed to {@link #step} holds y, so a trajectory recorded
 * from it ({@link TrajectoryRecorder}) is the path of y; to draw the three sequences on a 2-D surface read
 * {@code x()}, {@code y()} and {@code z()} after each step.
 *
 * <p>Step k (from 0), from the formulas of the authors' reference code (facebookresearch/schedule_free,
 * schedulefree/adamw_schedulefree_reference.py, commit 43e5c2d), with {@code lr_k} (the rate after the
 * optimizer's own warm-up) and {@code c_k} from {@link ScheduleFreeAveraging}:
 * <pre>
 *   z -= lr_k * wd * y                                   (decoupled weight decay, at y)
 *   v  = beta2 v + (1 - beta2) g^2
 *   z -= lr_k * g / (sqrt(v / (1 - beta2^(k+1))) + eps)
 *   x  = (1 - c_k) x + c_k z                             (c_k = 1 / (k + 1) at a constant rate: the mean)
 *   y  = beta1 x + (1 - beta1) z
 * </pre>
 * All three start at the first parameters. The learning rate is the schedule's value, meant to be constant.
 */
public final class ScheduleFreeAdam extends AbstractOptimizer<OptimizerSpec.ScheduleFreeAdam> {

    private double[] z;
    private double[] x;
    private double[] v;
    private ScheduleFreeAveraging averaging;
    private ScheduleFreeAveraging.Step last;

    ScheduleFreeAdam(String name, Schedule lr, OptimizerSpec.ScheduleFreeAdam settings) {
        super(name, lr, settings);
    }

    /** A copy with other betas (beta1 places y between x and z; beta2 decays the second moment). */
    public ScheduleFreeAdam betas(double beta1, double beta2) {
        return with(settings().withBetas(beta1, beta2));
    }

    /** A copy with another eps. */
    public ScheduleFreeAdam eps(double eps) {
        return with(settings().withEps(eps));
    }

    /** A copy with decoupled weight decay {@code weightDecay}, evaluated at y and applied to z. */
    public ScheduleFreeAdam weightDecay(double weightDecay) {
        return with(settings().withWeightDecay(weightDecay));
    }

    /** A copy whose learning rate rises linearly over the first {@code steps} steps. */
    public ScheduleFreeAdam warmup(int steps) {
        return with(settings().withWarmupSteps(steps));
    }

    private ScheduleFreeAdam with(OptimizerSpec.ScheduleFreeAdam s) {
        return new ScheduleFreeAdam(customName(), learningRate(), s);
    }

    @Override
    public ScheduleFreeAdam named(String name) {
        return new ScheduleFreeAdam(Args.notNull("name", name), learningRate(), settings());
    }

    /** x: the weighted average of the z so far, the point to evaluate and keep; empty before a step. */
    public double[] x() {
        return copyOf(x);
    }

    /** y = beta1 x + (1 - beta1) z: where the gradient is taken, what the parameter vector holds; empty before a step. */
    public double[] y() {
        if (x == null || stepCount() == 0) {
            return new double[0];
        }
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = interpolate(x[i], z[i]);
        }
        return y;
    }

    /** z: the base sequence, which takes the AdamW-like steps; empty before a step. */
    public double[] z() {
        return copyOf(z);
    }

    /** The second moment v, a running mean of the squared gradient (not bias-corrected); empty before a step. */
    public double[] secondMoment() {
        return copyOf(v);
    }

    /** The weight c with which the last z entered the average x (NaN before the first step). */
    public double lastAveragingWeight() {
        return last == null ? Double.NaN : last.averagingWeight();
    }

    /** The learning rate of the last step after the optimizer's warm-up (NaN before the first step). */
    public double lastWarmedUpRate() {
        return last == null ? Double.NaN : last.lr();
    }

    @Override
    protected String defaultName() {
        return settings().toString();
    }

    @Override
    protected void allocate(int n) {
        z = new double[n];
        x = new double[n];
        v = new double[n];
        averaging = new ScheduleFreeAveraging(settings().warmupSteps());
        last = null;
    }

    @Override
    protected void update(double[] p, double[] g, double lr, int t) {
        var s = settings();
        if (t == 1) {
            System.arraycopy(p, 0, z, 0, p.length); // z, x and y start at the first parameters
            System.arraycopy(p, 0, x, 0, p.length);
        }
        last = averaging.next(lr);
        double rate = last.lr();
        double c = last.averagingWeight();
        double correction2 = 1 - Math.pow(s.beta2(), t);
        for (int i = 0; i < p.length; i++) {
            z[i] -= rate * s.weightDecay() * p[i];         // decay at y (p holds y)
            v[i] = s.beta2() * v[i] + (1 - s.beta2()) * g[i] * g[i];
            z[i] += -rate * g[i] / (Math.sqrt(v[i] / correction2) + s.eps());
            x[i] = x[i] * (1 - c) + c * z[i];              // the running average moves towards z
            p[i] = interpolate(x[i], z[i]);                // the next gradient is taken at y
        }
    }

    private double interpolate(double xi, double zi) {
        return xi * settings().beta1() + (1 - settings().beta1()) * zi;
    }
}
