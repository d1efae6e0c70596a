package trainwell.training;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import trainwell.results.RunLog;

/**
 * A run's history ({@link TrainingResult#history()}): one row per step with loss, lr, grad_norm, log_z (the mean
 * log-sum-exp of the output logits, which the z-loss pulls towards 0), the columns other listeners measured and ms;
 * val_loss and val_accuracy join the rows of evaluation steps. It also keeps the best validation loss. The loop
 * notifies it after every other listener, so that their measurements are in.
 */
final class History implements TrainingListener {

    private final RunLog log;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestStep = -1;

    History(String name, long seed) {
        this.log = RunLog.of(name).config("run", name).config("seed", seed);
    }

    @Override
    public void onStep(StepRecord s) {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("loss", s.loss());
        row.put("lr", s.lr());
        row.put("grad_norm", s.gradNorm());
        row.putAll(s.measurements());
        row.put("ms", s.ms());
        log.add(s.step(), row);
    }

    @Override
    public void onEvaluation(EvaluationRecord e) {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("val_loss", e.loss());
        row.put("val_accuracy", e.accuracy());
        log.add(e.step(), row);
        if (e.loss() < bestLoss) {
            bestLoss = e.loss();
            bestStep = e.step();
        }
    }

    /** The step of the best validation loss (-1 without evaluation). */
    int bestStep() {
        return bestStep;
    }

    /** The best validation loss (NaN without evaluation). */
    double bestLoss() {
        return bestStep < 0 ? Double.NaN : bestLoss;
    }

    /**
     * The table, with the optional columns a run may not have logged (it diverged before its first evaluation)
     * as missing values, so that histories of several runs always stack.
     */
    Table table() {
        Table history = log.table();
        for (String column : List.of("update_ratio", "val_loss", "val_accuracy")) {
            if (!history.containsColumn(column)) {
                double[] missing = new double[history.rowCount()];
                Arrays.fill(missing, Double.NaN);
                history.addColumns(DoubleColumn.create(column, missing));
            }
        }
        return history;
    }
}
