package trainwell.training;

import trainwell.core.Args;
import trainwell.optimizers.OptimizerSpec;
import trainwell.schedules.Schedule;
import trainwell.schedules.Schedules;

/**
 * Everything that defines a training run except the model and the data: optimizer, learning-rate
 * schedule, budget, regularization and bookkeeping. Immutable; change it with the {@code with*} methods.
 *
 * @param optimizer      the optimizer and its hyper-parameters
 * @param schedule       the learning rate of each update (0-based step)
 * @param steps          number of updates
 * @param batchSize      examples per update
 * @param clipNorm       global gradient-norm clipping threshold; 0 turns clipping off
 * @param labelSmoothing epsilon of label-smoothed cross-entropy, in [0, 1)
 * @param decayAll       true: weight decay on every parameter; false (default): not on biases,
 *                       LayerNorm parameters and embeddings
 * @param evalEvery      evaluate on the validation set every this many steps (and after the last)
 * @param patience       early stopping: stop after this many evaluations without a better validation
 *                       loss and restore the best weights; 0 turns it off
 * @param seed           seeds the model's initialization (when the run builds it), dropout and batches
 * @param divergenceFactor the run stops as diverged when the loss is not finite or exceeds this
 *                       multiple of the first step's loss
 * @param statsEvery     measure the update-to-weight ratio every this many steps (it copies the weights)
 * @param progress       show a progress line that updates in place
 */
public record TrainingConfig(OptimizerSpec optimizer, Schedule schedule, int steps, int batchSize,
        double clipNorm, double labelSmoothing, boolean decayAll, int evalEvery, int patience, long seed,
        double divergenceFactor, int statsEvery, boolean progress) {

    /** Checks every field. */
    public TrainingConfig {
        Args.notNull("optimizer", optimizer);
        Args.notNull("schedule", schedule);
        Args.positive("steps", steps);
        Args.positive("batchSize", batchSize);
        Args.nonNegative("clipNorm", clipNorm);
        Args.inRangeExclusive("labelSmoothing", labelSmoothing, 0, 1);
        Args.positive("evalEvery", evalEvery);
        Args.nonNegative("patience", patience);
        Args.check(divergenceFactor > 1, "divergenceFactor", "must be > 1", divergenceFactor);
        Args.positive("statsEvery", statsEvery);
    }

    /**
     * A sensible small default: AdamW (wd 0.01) at 1e-3 with 10% linear warmup and cosine decay to
     * 1e-4, 300 steps of batch 32, clipping at 1.0, evaluation every 50 steps, seed 1.
     */
    public static TrainingConfig defaults() {
        return new TrainingConfig(OptimizerSpec.adamW(0.01), Schedules.warmupCosine(1e-3, 1e-4, 30, 300), 300, 32,
                1.0, 0, false, 50, 0, 1, 10, 10, true);
    }

    /** With another optimizer. */
    public TrainingConfig withOptimizer(OptimizerSpec value) {
        return new TrainingConfig(value, schedule, steps, batchSize, clipNorm, labelSmoothing, decayAll, evalEvery,
                patience, seed, divergenceFactor, statsEvery, progress);
    }

    /** With another learning-rate schedule. */
    public TrainingConfig withSchedule(Schedule value) {
        return new TrainingConfig(optimizer, value, steps, batchSize, clipNorm, labelSmoothing, decayAll, evalEvery,
                patience, seed, divergenceFactor, statsEvery, progress);
    }

    /** With a constant learning rate {@code lr}. */
    public TrainingConfig withConstantLr(double lr) {
        return withSchedule(Schedules.constant(lr));
    }

    /** With another number of updates (the schedule is not changed: keep them consistent). */
    public TrainingConfig withSteps(int value) {
        return new TrainingConfig(optimizer, schedule, value, batchSize, clipNorm, labelSmoothing, decayAll, evalEvery,
                patience, seed, divergenceFactor, statsEvery, progress);
    }

    /** With another batch size. */
    public TrainingConfig withBatchSize(int value) {
        return new TrainingConfig(optimizer, schedule, steps, value, clipNorm, labelSmoothing, decayAll, evalEvery,
                patience, seed, divergenceFactor, statsEvery, progress);
    }

    /** With global-norm clipping at {@code value}; 0 turns clipping off. */
    public TrainingConfig withClipNorm(double value) {
        return new TrainingConfig(optimizer, schedule, steps, batchSize, value, labelSmoothing, decayAll, evalEvery,
                patience, seed, divergenceFactor, statsEvery, progress);
    }

    /** Without gradient clipping. */
    public TrainingConfig withoutClipping() {
        return withClipNorm(0);
    }

    /** With label smoothing epsilon {@code value}. */
    public TrainingConfig withLabelSmoothing(double value) {
        return new TrainingConfig(optimizer, schedule, steps, batchSize, clipNorm, value, decayAll, evalEvery,
                patience, seed, divergenceFactor, statsEvery, progress);
    }

    /** With weight decay on every parameter (true) or only on weight matrices (false, the default). */
    public TrainingConfig withDecayAll(boolean value) {
        return new TrainingConfig(optimizer, schedule, steps, batchSize, clipNorm, labelSmoothing, value, evalEvery,
                patience, seed, divergenceFactor, statsEvery, progress);
    }

    /** With an evaluation every {@code value} steps. */
    public TrainingConfig withEvalEvery(int value) {
        return new TrainingConfig(optimizer, schedule, steps, batchSize, clipNorm, labelSmoothing, decayAll, value,
                patience, seed, divergenceFactor, statsEvery, progress);
    }

    /** With early stopping after {@code value} evaluations without improvement; 0 turns it off. */
    public TrainingConfig withPatience(int value) {
        return new TrainingConfig(optimizer, schedule, steps, batchSize, clipNorm, labelSmoothing, decayAll, evalEvery,
                value, seed, divergenceFactor, statsEvery, progress);
    }

    /** With another seed. */
    public TrainingConfig withSeed(long value) {
        return new TrainingConfig(optimizer, schedule, steps, batchSize, clipNorm, labelSmoothing, decayAll, evalEvery,
                patience, value, divergenceFactor, statsEvery, progress);
    }

    /** With another divergence threshold (a multiple of the first loss). */
    public TrainingConfig withDivergenceFactor(double value) {
        return new TrainingConfig(optimizer, schedule, steps, batchSize, clipNorm, labelSmoothing, decayAll, evalEvery,
                patience, seed, value, statsEvery, progress);
    }

    /** With the update-to-weight ratio measured every {@code value} steps. */
    public TrainingConfig withStatsEvery(int value) {
        return new TrainingConfig(optimizer, schedule, steps, batchSize, clipNorm, labelSmoothing, decayAll, evalEvery,
                patience, seed, divergenceFactor, value, progress);
    }

    /** With or without the progress line. */
    public TrainingConfig withProgress(boolean value) {
        return new TrainingConfig(optimizer, schedule, steps, batchSize, clipNorm, labelSmoothing, decayAll, evalEvery,
                patience, seed, divergenceFactor, statsEvery, value);
    }
}
