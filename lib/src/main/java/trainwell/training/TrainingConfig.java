package trainwell.training;

import java.util.OptionalInt;
import java.util.function.Consumer;
import trainwell.core.Args;
import trainwell.optimizers.OptimizerSpec;
import trainwell.schedules.CosineDecay;
import trainwell.schedules.LinearSchedule;
import trainwell.schedules.Named;
import trainwell.schedules.OneCycle;
import trainwell.schedules.PolynomialDecay;
import trainwell.schedules.Scaled;
import trainwell.schedules.Schedule;
import trainwell.schedules.Schedules;
import trainwell.schedules.WarmedUp;
import trainwell.schedules.WarmupStableDecay;

/**
 * Everything that defines a training run except the model and the data: optimizer, learning-rate
 * schedule, budget, regularization and bookkeeping. Immutable; change it with the {@code with*} methods. Each
 * field is validated when it is set; the rules between fields when a run starts ({@link #check()}), so that the
 * order of a chain of {@code with*} calls does not matter.
 *
 * <p>The schedule and the number of steps must agree: a schedule with an end (cosine, warmup + cosine,
 * one-cycle, WSD, linear or polynomial decay) must last exactly {@code steps}. {@link #withSteps} re-derives
 * the schedule of {@link #defaults()} for the new length; a schedule you set is never changed, and a run whose
 * schedule and steps disagree is refused when it starts.
 *
 * <p>A new field is four edits: the record component, its {@link Builder} field (copied in the builder's
 * constructor and passed on in {@code build}), and its {@code with*} method.
 *
 * @param optimizer      the optimizer and its hyper-parameters
 * @param schedule       the learning rate of each update (0-based step)
 * @param steps          number of updates
 * @param batchSize      examples per update
 * @param clipNorm       global gradient-norm clipping threshold; 0 turns clipping off
 * @param labelSmoothing epsilon of label-smoothed cross-entropy, in [0, 1)
 * @param zLoss          coefficient of the z-loss added to the training loss, {@code zLoss * mean (log Z)^2} with
 *                       log Z the log-sum-exp of a position's output logits (PaLM: 1e-4; see
 *                       {@link trainwell.training.loss.ZLoss}); 0 (default) turns it off. The validation loss never
 *                       includes it; the history's "log_z" column records the mean log Z either way
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
        double clipNorm, double labelSmoothing, double zLoss, boolean decayAll, int evalEvery, int patience, long seed,
        double divergenceFactor, int statsEvery, boolean progress) {

    /** Checks every field on its own; {@link #check()} checks the rules between fields. */
    public TrainingConfig {
        Args.notNull("optimizer", optimizer);
        Args.notNull("schedule", schedule);
        Args.positive("steps", steps);
        Args.positive("batchSize", batchSize);
        Args.nonNegative("clipNorm", clipNorm);
        Args.inRangeExclusive("labelSmoothing", labelSmoothing, 0, 1);
        Args.nonNegative("zLoss", zLoss);
        Args.positive("evalEvery", evalEvery);
        Args.nonNegative("patience", patience);
        Args.check(divergenceFactor > 1, "divergenceFactor", "must be > 1", divergenceFactor);
        Args.positive("statsEvery", statsEvery);
    }

    /**
     * Checks the rules between fields and returns this configuration; a run calls it when it starts. The rule:
     * a schedule with an end lasts {@code steps} (a longer one would be cut off before its decay ends, a shorter
     * one would hold its last rate for the remaining steps).
     *
     * @throws IllegalArgumentException naming both fields and their values when a rule is broken
     */
    public TrainingConfig check() {
        OptionalInt length = lengthOf(schedule);
        if (length.isPresent() && length.getAsInt() != steps) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "steps is %d but the schedule %s lasts %d steps: pass a schedule of %d steps to withSchedule, "
                            + "or set withSteps(%d)", steps, schedule, length.getAsInt(), steps, length.getAsInt()));
        }
        return this;
    }

    /** The number of steps a schedule is built for, when it has an end; empty for open-ended schedules. */
    static OptionalInt lengthOf(Schedule s) {
        if (s instanceof CosineDecay c) {
            return OptionalInt.of(c.steps());
        } else if (s instanceof OneCycle c) {
            return OptionalInt.of(c.totalSteps());
        } else if (s instanceof WarmupStableDecay c) {
            return OptionalInt.of(c.totalSteps());
        } else if (s instanceof LinearSchedule c) {
            return OptionalInt.of(c.totalSteps());
        } else if (s instanceof PolynomialDecay c) {
            return OptionalInt.of(c.totalSteps());
        } else if (s instanceof WarmedUp w) {
            OptionalInt rest = lengthOf(w.schedule());
            return rest.isPresent() ? OptionalInt.of(w.warmup().steps() + rest.getAsInt()) : OptionalInt.empty();
        } else if (s instanceof Named n) {
            return lengthOf(n.schedule());
        } else if (s instanceof Scaled c) {
            return lengthOf(c.schedule());
        }
        return OptionalInt.empty();
    }

    /**
     * A sensible small default: AdamW (wd 0.01) at 1e-3 with 10% linear warmup and cosine decay to
     * 1e-4, 300 steps of batch 32, clipping at 1.0, no label smoothing, no z-loss, evaluation every 50 steps, seed 1.
     */
    public static TrainingConfig defaults() {
        return new TrainingConfig(OptimizerSpec.adamW(0.01), defaultSchedule(300), 300, 32,
                1.0, 0, 0, false, 50, 0, 1, 10, 10, true);
    }

    /** The schedule of {@link #defaults()} for a run of {@code steps}: 10% warmup to 1e-3, cosine to 1e-4. */
    static Schedule defaultSchedule(int steps) {
        return steps >= 2 ? Schedules.warmupCosine(1e-3, 1e-4, Math.max(1, steps / 10), steps) : Schedules.constant(1e-3);
    }

    /** With another optimizer. */
    public TrainingConfig withOptimizer(OptimizerSpec value) {
        return with(b -> b.optimizer = value);
    }

    /** With another learning-rate schedule (it must last {@code steps} if it has an end, see {@link #check()}). */
    public TrainingConfig withSchedule(Schedule value) {
        return with(b -> b.schedule = value);
    }

    /** With a constant learning rate {@code lr}. */
    public TrainingConfig withConstantLr(double lr) {
        return withSchedule(Schedules.constant(lr));
    }

    /**
     * With another number of updates. The schedule of {@link #defaults()} is re-derived for the new length (10%
     * warmup, cosine); any other schedule is kept, and a run refuses it if it has an end other than {@code value}
     * (see {@link #check()}).
     */
    public TrainingConfig withSteps(int value) {
        return with(b -> {
            if (schedule.equals(defaultSchedule(steps))) {
                b.schedule = defaultSchedule(Args.positive("steps", value));
            }
            b.steps = value;
        });
    }

    /** With another batch size. */
    public TrainingConfig withBatchSize(int value) {
        return with(b -> b.batchSize = value);
    }

    /** With global-norm clipping at {@code value}; 0 turns clipping off. */
    public TrainingConfig withClipNorm(double value) {
        return with(b -> b.clipNorm = value);
    }

    /** Without gradient clipping. */
    public TrainingConfig withoutClipping() {
        return withClipNorm(0);
    }

    /** With label smoothing epsilon {@code value}. */
    public TrainingConfig withLabelSmoothing(double value) {
        return with(b -> b.labelSmoothing = value);
    }

    /**
     * With the z-loss {@code value * mean (log Z)^2} added to the training loss (Chowdhery et al. 2022, arXiv
     * 2204.02311, use 1e-4; Wortsman et al. 2023, arXiv 2309.14322, show it keeps the output logits from diverging at
     * high learning rates); 0 turns it off.
     */
    public TrainingConfig withZLoss(double value) {
        return with(b -> b.zLoss = value);
    }

    /** With weight decay on every parameter (true) or only on weight matrices (false, the default). */
    public TrainingConfig withDecayAll(boolean value) {
        return with(b -> b.decayAll = value);
    }

    /** With an evaluation every {@code value} steps. */
    public TrainingConfig withEvalEvery(int value) {
        return with(b -> b.evalEvery = value);
    }

    /** With early stopping after {@code value} evaluations without improvement; 0 turns it off. */
    public TrainingConfig withPatience(int value) {
        return with(b -> b.patience = value);
    }

    /** With another seed. */
    public TrainingConfig withSeed(long value) {
        return with(b -> b.seed = value);
    }

    /** With another divergence threshold (a multiple of the first loss). */
    public TrainingConfig withDivergenceFactor(double value) {
        return with(b -> b.divergenceFactor = value);
    }

    /** With the update-to-weight ratio measured every {@code value} steps. */
    public TrainingConfig withStatsEvery(int value) {
        return with(b -> b.statsEvery = value);
    }

    /** With or without the progress line. */
    public TrainingConfig withProgress(boolean value) {
        return with(b -> b.progress = value);
    }

    /** This configuration with the fields {@code change} sets; each field is validated on its own. */
    private TrainingConfig with(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** The fields of a configuration being changed: the one place besides the record that lists them all. */
    private static final class Builder {
        OptimizerSpec optimizer;
        Schedule schedule;
        int steps;
        int batchSize;
        double clipNorm;
        double labelSmoothing;
        double zLoss;
        boolean decayAll;
        int evalEvery;
        int patience;
        long seed;
        double divergenceFactor;
        int statsEvery;
        boolean progress;

        Builder(TrainingConfig c) {
            optimizer = c.optimizer;
            schedule = c.schedule;
            steps = c.steps;
            batchSize = c.batchSize;
            clipNorm = c.clipNorm;
            labelSmoothing = c.labelSmoothing;
            zLoss = c.zLoss;
            decayAll = c.decayAll;
            evalEvery = c.evalEvery;
            patience = c.patience;
            seed = c.seed;
            divergenceFactor = c.divergenceFactor;
            statsEvery = c.statsEvery;
            progress = c.progress;
        }

        TrainingConfig build() {
            return new TrainingConfig(optimizer, schedule, steps, batchSize, clipNorm, labelSmoothing, zLoss, decayAll,
                    evalEvery, patience, seed, divergenceFactor, statsEvery, progress);
        }
    }
}
