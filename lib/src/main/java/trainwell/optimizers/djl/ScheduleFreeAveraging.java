package trainwell.optimizers.djl;

import trainwell.core.Args;

/**
 * The two numbers of each step of schedule-free AdamW that do not depend on the weights: the learning rate
 * after the optimizer's own warm-up, and the weight {@code c} with which the newest {@code z} enters the
 * average {@code x}. Used by both versions of the optimizer ({@code trainwell.optimizers.ScheduleFreeAdam}
 * on {@code double[]} and {@link ScheduleFreeAdamOptimizer}); one instance follows one parameter (or vector)
 * through its steps.
 *
 * <p>From the authors' reference code (facebookresearch/schedule_free,
 * schedulefree/adamw_schedulefree_reference.py, commit 43e5c2d; Defazio et al. 2024, "The Road Less
 * Scheduled", arXiv:2405.15682), for step k counted from 0:
 * <pre>
 *   lr_k   = lr * (k + 1) / warmupSteps  while k &lt; warmupSteps, else lr
 *   lr_max = the largest lr_k so far
 *   w_k    = lr_max^2                    (the reference's weight_lr_power 2 and r 0)
 *   c_k    = w_k / (w_0 + ... + w_k)     (0 while that sum is 0)
 * </pre>
 * With a constant rate and no warm-up every w is the same, so {@code c_k = 1 / (k + 1)} and {@code x} is the
 * plain mean of all {@code z} so far. During warm-up the small early rates give the early {@code z} small
 * weights, so the average forgets the start quickly.
 */
public final class ScheduleFreeAveraging {

    private final int warmupSteps;
    private int k;
    private double lrMax = -1;
    private double weightSum;

    /** A fresh sequence whose learning rate rises linearly over {@code warmupSteps} steps (0: no warm-up). */
    public ScheduleFreeAveraging(int warmupSteps) {
        this.warmupSteps = Args.nonNegative("warmupSteps", warmupSteps);
    }

    /**
     * Moves to the next step, whose learning rate before warm-up is {@code lr} (the schedule's value; the
     * optimizer is meant to run at a constant rate), and returns that step's numbers.
     */
    public Step next(double lr) {
        double warmed = k < warmupSteps ? lr * ((k + 1) / (double) warmupSteps) : lr;
        lrMax = Math.max(lrMax, warmed);
        double weight = lrMax * lrMax;
        weightSum += weight;
        // Python raises ZeroDivisionError for 0.0 / 0.0 and the reference then takes c = 0.
        double c = weightSum == 0 ? 0 : weight / weightSum;
        k++;
        return new Step(warmed, c);
    }

    /** How many steps have been taken. */
    public int steps() {
        return k;
    }

    /**
     * The numbers of one step.
     *
     * @param lr the learning rate of the step after warm-up (what multiplies the gradient step on z)
     * @param averagingWeight c in {@code x = (1 - c) x + c z}
     */
    public record Step(double lr, double averagingWeight) {}
}
