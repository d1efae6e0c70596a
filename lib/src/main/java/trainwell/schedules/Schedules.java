package trainwell.schedules;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import trainwell.core.Args;

/**
 * Static factories for learning-rate schedules, named to read like English, e.g.
 * {@code Schedules.linearWarmup(400).then(Schedules.cosine(1e-3, 4600, 1e-4))}.
 *
 * <p>All steps are 0-based: {@code at(0)} is the rate of the first update. Where PyTorch has the same
 * scheduler the values equal its {@code optimizer.param_groups[0]['lr']} before the k-th
 * {@code scheduler.step()} (tested to 1e-6 relative against PyTorch 2.13).
 */
public final class Schedules {

    private Schedules() {}

    /** The same rate at every step. */
    public static Constant constant(double lr) {
        return new Constant(lr);
    }

    /** PyTorch's {@code StepLR}: multiply the rate by {@code gamma} every {@code stepSize} steps. */
    public static StepDecay stepDecay(double lr, int stepSize, double gamma) {
        return new StepDecay(lr, stepSize, gamma);
    }

    /** PyTorch's {@code MultiStepLR}: multiply the rate by {@code gamma} at each milestone step. */
    public static MultiStepDecay multiStepDecay(double lr, double gamma, int... milestones) {
        return new MultiStepDecay(lr, gamma, milestones);
    }

    /** PyTorch's {@code ExponentialLR}: multiply the rate by {@code gamma} every step. */
    public static ExponentialDecay exponentialDecay(double lr, double gamma) {
        return new ExponentialDecay(lr, gamma);
    }

    /** PyTorch's {@code PolynomialLR}: {@code lr (1 - step/totalSteps)^power}, zero from {@code totalSteps} on. */
    public static PolynomialDecay polynomialDecay(double lr, int totalSteps, double power) {
        return new PolynomialDecay(lr, totalSteps, power);
    }

    /** A straight line from {@code lr} down to 0 at step {@code totalSteps} (PyTorch's {@code LinearLR(1, 0)}). */
    public static LinearSchedule linearDecay(double lr, int totalSteps) {
        return new LinearSchedule(lr, 1.0, 0.0, totalSteps);
    }

    /** PyTorch's {@code LinearLR}: the factor on {@code lr} moves linearly from start to end over {@code totalSteps}. */
    public static LinearSchedule linear(double lr, double startFactor, double endFactor, int totalSteps) {
        return new LinearSchedule(lr, startFactor, endFactor, totalSteps);
    }

    /** PyTorch's {@code CosineAnnealingLR}: cosine from {@code lr} to {@code etaMin} at {@code tMax}, periodic after. */
    public static CosineAnnealing cosineAnnealing(double lr, int tMax, double etaMin) {
        return new CosineAnnealing(lr, tMax, etaMin);
    }

    /** Half a cosine from {@code peak} down to {@code min} over {@code steps} steps, then {@code min}. */
    public static CosineDecay cosine(double peak, int steps, double min) {
        return new CosineDecay(peak, min, steps);
    }

    /** PyTorch's {@code CosineAnnealingWarmRestarts} (SGDR): cosine periods of t0, t0 tMult, ... steps. */
    public static CosineWarmRestarts cosineWithRestarts(double lr, int t0, int tMult, double etaMin) {
        return new CosineWarmRestarts(lr, t0, tMult, etaMin);
    }

    /** PyTorch's {@code CyclicLR} in {@code "triangular"} mode, {@code stepSize} steps up and as many down. */
    public static Cyclic triangular(double baseLr, double maxLr, int stepSize) {
        return new Cyclic(baseLr, maxLr, stepSize, stepSize, Cyclic.Mode.TRIANGULAR, 1.0);
    }

    /** PyTorch's {@code CyclicLR} in {@code "triangular2"} mode: the amplitude halves every cycle. */
    public static Cyclic triangular2(double baseLr, double maxLr, int stepSize) {
        return new Cyclic(baseLr, maxLr, stepSize, stepSize, Cyclic.Mode.TRIANGULAR2, 1.0);
    }

    /** PyTorch's {@code CyclicLR} in {@code "exp_range"} mode: the amplitude shrinks by {@code gamma} every step. */
    public static Cyclic expRange(double baseLr, double maxLr, int stepSize, double gamma) {
        return new Cyclic(baseLr, maxLr, stepSize, stepSize, Cyclic.Mode.EXP_RANGE, gamma);
    }

    /** PyTorch's {@code CyclicLR} in full: separate up and down lengths, any mode ({@code gamma} used by exp_range). */
    public static Cyclic cyclic(double baseLr, double maxLr, int stepSizeUp, int stepSizeDown, Cyclic.Mode mode,
            double gamma) {
        return new Cyclic(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma);
    }

    /** PyTorch's {@code OneCycleLR} with its defaults; adjust with the {@code with...} methods of {@link OneCycle}. */
    public static OneCycle oneCycle(double maxLr, int totalSteps) {
        return OneCycle.of(maxLr, totalSteps);
    }

    /** A linear warmup of {@code steps} steps from near zero up to the next schedule's first rate; see {@link Warmup}. */
    public static Warmup linearWarmup(int steps) {
        return new Warmup(Warmup.Kind.LINEAR, steps, 1.0);
    }

    /** A constant warmup: {@code steps} steps at {@code factor} times the next schedule's first rate. */
    public static Warmup constantWarmup(int steps, double factor) {
        return new Warmup(Warmup.Kind.CONSTANT, steps, factor);
    }

    /** The original Transformer's schedule; {@code at(k)} uses the paper's {@code step_num = k + 1}. */
    public static InverseSquareRoot inverseSquareRoot(int dModel, int warmupSteps) {
        return new InverseSquareRoot(dModel, warmupSteps);
    }

    /**
     * The GPT-style recipe (nanoGPT's {@code get_lr}): linear warmup to {@code peak} over
     * {@code warmupSteps}, then half a cosine down to {@code min} at step {@code totalSteps}, then {@code min}.
     */
    public static WarmedUp warmupCosine(double peak, double min, int warmupSteps, int totalSteps) {
        Args.nonNegative("peak", peak);
        Args.nonNegative("min", min);
        Args.positive("warmupSteps", warmupSteps);
        Args.positive("totalSteps", totalSteps);
        Args.check(warmupSteps < totalSteps, "warmupSteps", "must be < totalSteps (" + totalSteps + ")", warmupSteps);
        Args.check(min <= peak, "min", "must be <= peak (" + peak + ")", min);
        return linearWarmup(warmupSteps).then(cosine(peak, totalSteps - warmupSteps, min));
    }

    /**
     * Warmup-stable-decay as in Hägele et al. 2024: a ramp from {@code peak / 100} over {@code warmupSteps},
     * the peak held, then a 1-sqrt cooldown to 0 over the last {@code decayFraction} of {@code totalSteps}
     * (the paper uses 0.2); see {@link WarmupStableDecay}.
     */
    public static WarmupStableDecay warmupStableDecay(double peak, int warmupSteps, int totalSteps, double decayFraction) {
        return warmupStableDecay(peak, warmupSteps, totalSteps, decayFraction, WarmupStableDecay.Cooldown.ONE_MINUS_SQRT);
    }

    /** Warmup-stable-decay with the cooldown's shape chosen (linear or 1-sqrt), to 0; see {@link WarmupStableDecay}. */
    public static WarmupStableDecay warmupStableDecay(double peak, int warmupSteps, int totalSteps, double decayFraction,
            WarmupStableDecay.Cooldown cooldown) {
        return new WarmupStableDecay(peak, warmupSteps, totalSteps, decayFraction, cooldown, 0);
    }

    /**
     * Several schedules sampled over steps 0 .. steps-1 in one long table with columns
     * {@code step}, {@code lr} and {@code schedule} (each schedule's {@code toString()}), ready to plot by group.
     */
    public static Table table(int steps, Schedule... schedules) {
        Args.nonNegative("steps", steps);
        Args.notNull("schedules", schedules);
        Args.check(schedules.length > 0, "schedules", "must not be empty", 0);
        IntColumn step = IntColumn.create("step");
        DoubleColumn lr = DoubleColumn.create("lr");
        StringColumn name = StringColumn.create("schedule");
        for (Schedule s : schedules) {
            Args.notNull("schedule", s);
            double[] values = s.sample(steps);
            for (int k = 0; k < steps; k++) {
                step.append(k);
                lr.append(values[k]);
                name.append(s.toString());
            }
        }
        return Table.create("schedules", step, lr, name);
    }
}
