package trainwell.training;

import java.util.Map;
import trainwell.core.Args;
import trainwell.training.clip.GradientNorms;

/**
 * One training step as the loop saw it, handed to every {@link TrainingListener}.
 *
 * @param run          the run (its name, configuration, task; {@link TrainingRun#stop} ends it)
 * @param step         0-based step; the same counter picks the learning rate and the batch
 * @param loss         training loss of the step's batch (label-smoothed as configured, plus the z-loss when
 *                     configured): what the update minimised
 * @param lr           the learning rate the optimizer applied at this step (before a parameter group's multiplier)
 * @param gradNorm     global gradient norm before clipping
 * @param gradients    per-parameter gradient norms before clipping
 * @param updated      false when the gradient was not finite and the update was skipped
 * @param ms           wall-clock milliseconds of the step (batch to update, listeners excluded)
 * @param measurements the step's row of the history beyond loss, lr and grad_norm (the loop puts the batch's mean
 *                     log Z of the output logits in "log_z"); add to it with {@link #measure}
 */
public record StepRecord(TrainingRun run, int step, double loss, double lr, double gradNorm,
        GradientNorms.Report gradients, boolean updated, double ms, Map<String, Double> measurements) {

    /** Adds {@code value} to this step's row of the run's history, in column {@code column}. */
    public void measure(String column, double value) {
        Args.notNull("column", column);
        Args.check(!measurements.containsKey(column), "column", "was already measured at step " + step, column);
        measurements.put(column, value);
    }

    /** True at the run's last configured step. */
    public boolean last() {
        return step == run.config().steps() - 1;
    }
}
