package trainwell.training;

import java.util.Locale;
import tech.tablesaw.api.Table;
import trainwell.core.Args;

/**
 * What a training run recorded.
 *
 * @param name       the run's name (a legend), e.g. "AdamW seed 2"
 * @param config     the configuration it ran with
 * @param history    one row per step: step, run, seed, loss, lr, grad_norm, update_ratio (at statistics steps),
 *                   val_loss and val_accuracy (at evaluation steps), ms (time of the step)
 * @param layers     one row per step and layer: step, run, seed, layer, grad_norm (before clipping)
 * @param status     how the run ended
 * @param message    one sentence on how it ended (the divergence, the early stop, or the final scores)
 * @param stepsRun   updates done
 * @param bestStep   the step of the best validation loss (-1 without evaluation)
 * @param bestValidationLoss the best validation loss (NaN without evaluation)
 * @param seconds    wall-clock time of the run
 */
public record TrainingResult(String name, TrainingConfig config, Table history, Table layers, Status status,
        String message, int stepsRun, int bestStep, double bestValidationLoss, double seconds) {

    /** How a run ended. */
    public enum Status {
        /** All configured steps ran. */
        COMPLETED,
        /** Early stopping ended the run; the best weights were restored. */
        EARLY_STOPPED,
        /** The loss became non-finite or exploded; the run stopped and kept what it had recorded. */
        DIVERGED
    }

    /** True when the run diverged. */
    public boolean diverged() {
        return status == Status.DIVERGED;
    }

    /** The training loss of the last step run. */
    public double finalLoss() {
        return last(history, "loss");
    }

    /** The validation loss of the last evaluation (NaN if none). */
    public double finalValidationLoss() {
        return last(history, "val_loss");
    }

    /** The validation accuracy of the last evaluation (NaN if none). */
    public double finalValidationAccuracy() {
        return last(history, "val_accuracy");
    }

    /** Mean wall-clock milliseconds per training step, evaluations excluded. */
    public double msPerStep() {
        return history.rowCount() == 0 ? Double.NaN : history.doubleColumn("ms").mean();
    }

    /**
     * The value of history column {@code column} at step {@code step} (0-based), e.g. {@code valueAt("val_loss", 299)}
     * at an evaluation step.
     *
     * @throws IllegalArgumentException naming the argument if the history has no such column, or no value of it at that step
     */
    public double valueAt(String column, int step) {
        Args.check(column != null && history.containsColumn(column), "column", "must be a column of the history "
                + history.columnNames(), column);
        var steps = history.intColumn("step");
        var values = history.doubleColumn(column);
        for (int i = 0; i < history.rowCount(); i++) {
            if (steps.getInt(i) == step && !values.isMissing(i)) {
                return values.getDouble(i);
            }
        }
        throw new IllegalArgumentException("step is " + step + " but " + name + " has no " + column + " value there"
                + (column.startsWith("val") ? " (validation runs every evalEvery steps and after the last)" : ""));
    }

    /** The last recorded value of history column {@code column} (NaN if it has none). */
    public double lastValue(String column) {
        Args.notNull("column", column);
        return last(history, column);
    }

    /** The last non-missing value of a column of {@code table} (NaN if none). */
    static double last(Table table, String column) {
        if (!table.containsColumn(column)) {
            return Double.NaN;
        }
        var c = table.doubleColumn(column);
        for (int i = c.size() - 1; i >= 0; i--) {
            if (!c.isMissing(i)) {
                return c.getDouble(i);
            }
        }
        return Double.NaN;
    }

    /** One line on the whole run: "name: completed after 300 steps in 12.3 s (40.1 ms/step): final loss ...". */
    public String summary() {
        return String.format(Locale.ROOT, "%s: %s after %d steps in %.1f s (%.1f ms/step): %s", name,
                status.name().toLowerCase(Locale.ROOT).replace('_', ' '), stepsRun, seconds, msPerStep(), message);
    }

    @Override
    public String toString() {
        return name + ": " + status + " after " + stepsRun + " steps in " + String.format("%.1f s", seconds)
                + " - " + message;
    }
}
